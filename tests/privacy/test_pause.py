"""A pause: the member steps away, signed out and unmatched, and signing in brings
them back with everything as it was."""

import pytest
from django.test import Client
from django.urls import reverse

from chat.models import BuddyProfile
from privacy.models import AccountPause
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def buddy_profile(member):
    return BuddyProfile.objects.create(user=member, support="listening")


def test_pausing_signs_out_and_stops_buddy_matching(member, buddy_profile):
    client = Client()
    sign_in(client, member)
    response = client.post(reverse("privacy_pause"))
    assert response["Location"] == reverse("privacy_paused")
    assert "_auth_user_id" not in client.session
    buddy_profile.refresh_from_db()
    assert not buddy_profile.is_active
    assert AccountPause.objects.get(member=member).ended_at is None
    assert client.get(reverse("privacy_home"))["Location"].startswith(reverse("account_login"))


def test_signing_in_again_ends_the_pause(member, buddy_profile):
    client = Client()
    sign_in(client, member)
    client.post(reverse("privacy_pause"))
    sign_in(client, member)
    pause = AccountPause.objects.get(member=member)
    assert pause.ended_at is not None
    buddy_profile.refresh_from_db()
    assert buddy_profile.is_active
    page = client.get(reverse("privacy_home"))
    assert page.status_code == 200
    assert b"Welcome back" in page.content


def test_matching_that_was_off_stays_off_after_a_pause(member, buddy_profile):
    buddy_profile.is_active = False
    buddy_profile.save()
    client = Client()
    sign_in(client, member)
    client.post(reverse("privacy_pause"))
    sign_in(client, member)
    buddy_profile.refresh_from_db()
    assert not buddy_profile.is_active


def test_the_paused_page_shows_the_way_back(client):
    page = client.get(reverse("privacy_paused")).content.decode()
    assert reverse("account_login") in page
