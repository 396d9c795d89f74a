"""Confirm it's you: changing an email address asks for the password again."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.auth import reauthenticate

pytestmark = pytest.mark.django_db

NEW_ADDRESS = {"action_add": "", "email": "alice.new@example.com"}


def test_adding_an_email_address_asks_for_the_password_first(signed_in, member):
    client = signed_in(member)

    response = client.post(reverse("account_email"), NEW_ADDRESS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="alice.new@example.com").exists()


def test_after_confirming_it_is_them_the_address_is_added(signed_in, member):
    client = signed_in(member)
    reauthenticate(client)

    client.post(reverse("account_email"), NEW_ADDRESS)

    assert EmailAddress.objects.filter(user=member, email="alice.new@example.com").exists()
