"""Staff create an organisation and invite its admins by an emailed link that expires;
accepting makes a separate org_admin account that needs a second factor."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from organisations.models import OrgAdminInvite, Organisation

pytestmark = pytest.mark.django_db

PASSWORD = "harbour lights at dusk"


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def invite(staff_client, organisation, email, django_capture_on_commit_callbacks):
    url = reverse("portal:staff_organisation", args=[organisation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"invite": "1", "email": email})
    return response


def link_in(message) -> str:
    return re.search(r"https?://\S+/portal/invitations/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_staff_create_an_organisation_with_its_licence(staff_client):
    response = staff_client.post(
        reverse("portal:staff_organisations"),
        {
            "name": "Eastfield College",
            "kind": "university",
            "seat_limit": "500",
            "licence_starts_on": "2026-09-01",
            "licence_ends_on": "2027-08-31",
        },
    )
    organisation = Organisation.objects.get(name="Eastfield College")
    assert response["Location"] == reverse("portal:staff_organisation", args=[organisation.pk])
    assert organisation.licence_ends_on == datetime.date(2027, 8, 31)


def test_a_licence_cannot_end_before_it_starts(staff_client):
    response = staff_client.post(
        reverse("portal:staff_organisations"),
        {"name": "Backwards Ltd", "kind": "employer", "licence_starts_on": "2027-01-01",
         "licence_ends_on": "2026-01-01"},
    )  # fmt: skip
    assert "end before it starts" in response.content.decode()
    assert not Organisation.objects.filter(name="Backwards Ltd").exists()


def test_an_invited_admin_sets_a_password_and_must_then_add_a_second_factor(
    staff_client, organisation, django_capture_on_commit_callbacks
):
    invite(
        staff_client, organisation, "kai@northbridge.example", django_capture_on_commit_callbacks
    )
    assert [m.to for m in mail.outbox] == [["kai@northbridge.example"]]
    path = path_of(link_in(mail.outbox[0]))
    stored = OrgAdminInvite.objects.get()
    assert path.rstrip("/").rsplit("/", 1)[1] not in stored.token_hash  # only a hash is kept

    visitor = Client()
    assert "Manage Northbridge University" in visitor.get(path).content.decode()
    response = visitor.post(path, {"password": PASSWORD})
    assert response["Location"] == reverse("account_login")
    admin = User.objects.get(email="kai@northbridge.example")
    assert (admin.role, admin.organisation) == (Role.ORG_ADMIN, organisation)

    visitor.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    response = visitor.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert visitor.get(path).status_code == 410  # used once only


def test_an_invitation_link_expires(
    staff_client, organisation, django_capture_on_commit_callbacks, settings
):
    settings.HARBOUR_ORG_ADMIN_INVITE_DAYS = 7
    invite(
        staff_client, organisation, "lou@northbridge.example", django_capture_on_commit_callbacks
    )
    path = path_of(link_in(mail.outbox[0]))
    stored = OrgAdminInvite.objects.get()
    assert stored.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)
    stored.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    stored.save()
    visitor = Client()
    response = visitor.get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    visitor.post(path, {"password": PASSWORD})
    assert not User.objects.filter(email="lou@northbridge.example").exists()


def test_a_made_up_link_is_refused(client):
    url = reverse("portal:invite_accept", args=["made-up-token"])
    assert client.get(url).status_code == 410


def test_an_invitation_to_an_address_with_an_account_is_refused(
    staff_client, organisation, member, django_capture_on_commit_callbacks
):
    response = invite(staff_client, organisation, member.email, django_capture_on_commit_callbacks)
    assert "must have an address of its own" in response.content.decode()
    assert not mail.outbox and not OrgAdminInvite.objects.exists()
    member.refresh_from_db()
    assert member.role == Role.MEMBER


def test_an_organisation_may_have_several_admins(
    staff_client, organisation, org_admin, django_capture_on_commit_callbacks
):
    invite(
        staff_client, organisation, "max@northbridge.example", django_capture_on_commit_callbacks
    )
    Client().post(path_of(link_in(mail.outbox[0])), {"password": PASSWORD})
    admins = organisation.members.filter(role=Role.ORG_ADMIN)
    assert sorted(admins.values_list("email", flat=True)) == [
        "erin@northbridge.example", "max@northbridge.example",
    ]  # fmt: skip


def test_only_staff_reach_the_staff_pages(signed_in, member, client_for, org_admin):
    assert signed_in(member).get(reverse("portal:staff_organisations")).status_code == 404
    assert client_for(org_admin).get(reverse("portal:staff_organisations")).status_code == 404
