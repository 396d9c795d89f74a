"""Who reaches the privacy pages: members their own, leads the holds, nobody else's."""

import pytest
from django.urls import reverse

from accounts.handles import handle_problem
from privacy.models import DataExport


@pytest.mark.django_db
def test_privacy_pages_are_for_members(signed_in, guide, org_admin):
    for user in (guide, org_admin):
        client = signed_in(user)
        assert client.get(reverse("privacy_home")).status_code == 404
        assert client.get(reverse("privacy_erase")).status_code == 404


@pytest.mark.django_db
def test_a_member_cannot_see_another_members_export(client_for, member, other_member):
    export = DataExport.objects.create(member=other_member)
    assert client_for(member).get(reverse("privacy_export", args=[export.pk])).status_code == 404


@pytest.mark.django_db
def test_the_profile_links_to_the_privacy_page(client_for, member):
    assert reverse("privacy_home").encode() in client_for(member).get(reverse("profile")).content


def test_the_handle_of_an_erased_account_cannot_be_chosen():
    assert "erased" in handle_problem("former-member-1234")
