"""Access codes from the portal: created with limits, used, expired, used up, revoked,
and dead at once when the licence ends. Domain sign-up stops then too."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessCode, EmailDomain
from organisations.services import JoinRefused, joining_claim, joining_resolve

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


def create_code(portal, **fields):
    data = {"label": "Engineering", "expires_on": "", "max_uses": "", **fields}
    response = portal.post(reverse("portal:access_codes"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return AccessCode.objects.latest("pk")


def join_with(code, email="new@example.com"):
    joining = joining_resolve(email=email, code=code.code.lower())
    joining_claim(joining)
    return joining


def test_an_admin_creates_a_code_for_their_own_organisation(portal, organisation):
    code = create_code(portal, max_uses="50")
    assert code.organisation == organisation
    assert (code.label, code.max_uses, code.uses) == ("Engineering", 50, 0)
    assert len(code.code) == 14  # three groups of four, hard to guess
    page = portal.get(reverse("portal:access_codes")).content.decode()
    assert code.code in page and "0 of 50" in page


def test_a_joining_counts_as_a_use_shown_as_a_number(portal, organisation):
    code = create_code(portal, max_uses="2")
    assert join_with(code).organisation == organisation
    code.refresh_from_db()
    assert code.uses == 1
    assert "1 of 2" in portal.get(reverse("portal:access_codes")).content.decode()


def test_a_code_works_to_the_end_of_its_last_day_then_stops(portal):
    code = create_code(portal, expires_on=TODAY().isoformat())
    assert code.expires_at > timezone.now()
    join_with(code)
    code.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    code.save()
    with pytest.raises(JoinRefused, match="expired"):
        join_with(code, "later@example.com")


def test_a_date_in_the_past_is_refused_with_a_clear_message(portal):
    yesterday = (TODAY() - datetime.timedelta(days=1)).isoformat()
    response = portal.post(reverse("portal:access_codes"), {"expires_on": yesterday})
    assert response.status_code == 200
    assert "That date has passed" in response.content.decode()
    assert not AccessCode.objects.exists()


def test_a_code_stops_at_its_maximum_uses(portal):
    code = create_code(portal, max_uses="1")
    join_with(code)
    with pytest.raises(JoinRefused, match="used as many times"):
        join_with(code, "second@example.com")


def test_a_revoked_code_stops_working_at_once(portal):
    code = create_code(portal)
    response = portal.post(reverse("portal:access_code_revoke", args=[code.pk]))
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.revoked_at is not None
    with pytest.raises(JoinRefused, match="no longer active"):
        join_with(code)
    assert "Revoked" in portal.get(reverse("portal:access_codes")).content.decode()


def test_codes_stop_working_the_day_after_the_licence_ends(portal, organisation):
    code = create_code(portal)
    organisation.licence_ends_on = TODAY()
    organisation.save()
    join_with(code)  # the last day of the licence still counts
    organisation.licence_ends_on = TODAY() - datetime.timedelta(days=1)
    organisation.save()
    with pytest.raises(JoinRefused, match="licence"):
        join_with(code, "after@example.com")


def test_domain_sign_up_stops_when_the_licence_ends(organisation):
    EmailDomain.objects.create(organisation=organisation, domain="northbridge.ac.uk")
    assert joining_resolve(email="kim@northbridge.ac.uk").organisation == organisation
    organisation.licence_ends_on = TODAY() - datetime.timedelta(days=1)
    organisation.save()
    assert joining_resolve(email="lee@northbridge.ac.uk").organisation is None


def test_adding_a_domain_asks_for_confirmation_first(portal, organisation):
    url = reverse("portal:email_domains")
    first = portal.post(url, {"domain": "@Students.Northbridge.ac.uk"})
    assert first.status_code == 200
    assert "Add @students.northbridge.ac.uk?" in first.content.decode()
    assert not EmailDomain.objects.exists()
    second = portal.post(url, {"domain": "students.northbridge.ac.uk", "confirmed": "on"})
    assert second.status_code == 302
    assert EmailDomain.objects.get().organisation == organisation


def test_a_domain_another_organisation_uses_is_refused(portal, other_organisation):
    EmailDomain.objects.create(organisation=other_organisation, domain="shared.example")
    response = portal.post(
        reverse("portal:email_domains"), {"domain": "shared.example", "confirmed": "on"}
    )
    assert "already used by another organisation" in response.content.decode()


def test_a_malformed_domain_gets_a_form_error(portal):
    response = portal.post(reverse("portal:email_domains"), {"domain": "not a domain"})
    assert "look like an email domain" in response.content.decode()


def test_removing_a_domain_asks_for_confirmation_first(portal, organisation):
    domain = EmailDomain.objects.create(organisation=organisation, domain="old.example")
    url = reverse("portal:email_domain_remove", args=[domain.pk])
    assert "Remove @old.example?" in portal.get(url).content.decode()
    assert EmailDomain.objects.filter(pk=domain.pk).exists()
    assert portal.post(url).status_code == 302
    assert not EmailDomain.objects.filter(pk=domain.pk).exists()
