"""A member's email is for them alone: no page anyone else can open shows it."""

import pytest
from django.test import Client

from tests.auth import sign_in
from tests.urlwalk import named_patterns, url_for


@pytest.mark.django_db
def test_no_page_shows_a_members_email_to_anyone_else(
    member, other_member, guide, lead, org_admin, staff
):
    viewers = {"anonymous": Client()}
    for user in (other_member, guide, lead, org_admin, staff):
        viewers[user.handle] = Client()
        sign_in(viewers[user.handle], user)
    # The member's own id, so pages about them (admin change pages) are really rendered.
    samples = {"object_id": str(member.pk), "pk": str(member.pk)}
    leaks = []
    for name, entry in named_patterns():
        url = url_for(name, entry, samples)
        for label, client in viewers.items():
            response = client.get(url, follow=True)
            if member.email.encode() in response.content:
                leaks.append(f"{url} as {label}")
    assert leaks == []


@pytest.mark.django_db
def test_the_owner_can_see_their_own_email(client, member):
    sign_in(client, member)
    assert member.email.encode() in client.get("/accounts/email/").content
