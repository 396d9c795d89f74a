"""Break-glass: a member's safety details, for a written reason, from an open escalated
case only, by guides and leads only; shown once on a page no cache keeps; every lead
told; audited. Nobody has to approve it first."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import SafetyDetails
from moderation.errors import ModerationRefused
from moderation.escalation import safety_details_reveal
from moderation.models import AlertKind, AuditAction, AuditEntry, ConsoleAlert
from moderation.services import case_open_for
from tests.auth import reauthenticate
from tests.conftest import _clinician
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

REASON = "No reply for 20 minutes after a message saying goodbye; imminent risk."


@pytest.fixture
def safety_details(member):
    return SafetyDetails.objects.create(
        user=member, real_name="Alice Wren", phone="07700 900456", postcode="NB1 2XY",
        date_of_birth="2001-05-17",
    )  # fmt: skip


def _reveal(client, case, reason=REASON):
    reauthenticate(client)
    return client.post(reverse("safety_details", args=[case.pk]), {"reason": reason})


def test_a_guide_reveals_the_details_once_on_a_page_no_cache_keeps(
    client_for, guide, escalated_post, safety_details
):
    case = case_open_for(escalated_post)
    client = client_for(guide)
    form = client.get(reverse("safety_details", args=[case.pk]))
    assert "07700 900456" not in form.content.decode()
    response = _reveal(client, case)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alice Wren" in page and "07700 900456" in page and "NB1 2XY" in page
    assert "no-store" in response["Cache-Control"]


def test_the_reveal_is_audited_with_its_reason_and_never_the_details(
    client_for, guide, escalated_post, safety_details
):
    case = case_open_for(escalated_post)
    _reveal(client_for(guide), case)
    entry = AuditEntry.objects.get(action=AuditAction.SAFETY_DETAILS_REVEALED)
    assert entry.reason == REASON and entry.subject == f"case:{case.pk}"
    assert entry.actor_role == "guide" and entry.target
    assert "07700" not in entry.reason + entry.before + entry.after


def test_every_lead_is_told_at_once(
    client_for, guide, lead, escalated_post, safety_details, django_capture_on_commit_callbacks
):
    other_lead = _clinician("lead", "lead-gale", "gale@harbour.example")
    case = case_open_for(escalated_post)
    with django_capture_on_commit_callbacks(execute=True):
        _reveal(client_for(guide), case)
    alerts = ConsoleAlert.objects.filter(kind=AlertKind.BREAK_GLASS)
    assert {alert.recipient for alert in alerts} == {lead, other_lead}
    assert all("guide-charlie" in alert.text and "07700" not in alert.text for alert in alerts)
    told = [message for message in mail.outbox if message.subject == "Safety details were revealed"]
    assert sorted(message.to[0] for message in told) == [
        "dana@harbour.example", "gale@harbour.example",
    ]  # fmt: skip
    assert all("07700" not in message.body and "Alice" not in message.body for message in told)


@pytest.mark.parametrize("reason", ["", "   ", "because"])
def test_a_reason_in_words_is_required(client_for, guide, escalated_post, safety_details, reason):
    case = case_open_for(escalated_post)
    response = _reveal(client_for(guide), case, reason=reason)
    assert response.status_code == 400
    assert "07700 900456" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.SAFETY_DETAILS_REVEALED).exists()


def test_only_from_an_escalated_case(client_for, guide, held_post, safety_details):
    case = case_open_for(held_post)  # held for review: not an escalation
    client = client_for(guide)
    assert client.get(reverse("safety_details", args=[case.pk])).status_code == 404
    assert _reveal(client, case).status_code == 404
    with pytest.raises(ModerationRefused):
        safety_details_reveal(case=case, viewer=guide, reason=REASON)
    assert not AuditEntry.objects.filter(action=AuditAction.SAFETY_DETAILS_REVEALED).exists()


@pytest.mark.parametrize("who", ["member", "org_admin", "staff"])
def test_nobody_but_guides_and_leads_can_reach_it(
    request, client_for, who, escalated_post, safety_details
):
    case = case_open_for(escalated_post)
    response = _reveal(client_for(request.getfixturevalue(who)), case)
    assert response.status_code == 404
    assert "07700" not in response.content.decode()


def test_no_claim_and_no_lead_is_needed_first(
    client_for, guide, lead, escalated_post, safety_details, claimed
):
    case = claimed(escalated_post, lead)  # a lead holds it; the guide still may, at once
    response = _reveal(client_for(guide), case)
    assert "07700 900456" in response.content.decode()


def test_a_member_who_gave_no_details_is_said_so_plainly(client_for, guide, escalated_post):
    case = case_open_for(escalated_post)
    page = _reveal(client_for(guide), case).content.decode()
    assert "gave no safety details" in page
    assert AuditEntry.objects.filter(action=AuditAction.SAFETY_DETAILS_REVEALED).count() == 1


def test_break_glass_asks_for_the_password_again_and_keeps_the_reason(
    client_for, guide, escalated_post, safety_details
):
    case = case_open_for(escalated_post)
    client = client_for(guide)
    url = reverse("safety_details", args=[case.pk])
    assert client.get(url).status_code == 200  # the form itself needs no fresh password

    asked = client.post(url, {"reason": REASON})

    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEntry.objects.filter(action=AuditAction.SAFETY_DETAILS_REVEALED).exists()
    resumed = client.post(asked["Location"], {"password": PASSWORD})
    assert "07700 900456" in resumed.content.decode()
    assert AuditEntry.objects.get(action=AuditAction.SAFETY_DETAILS_REVEALED).reason == REASON


def test_a_wrong_password_reveals_nothing(client_for, guide, escalated_post, safety_details):
    case = case_open_for(escalated_post)
    client = client_for(guide)
    asked = client.post(reverse("safety_details", args=[case.pk]), {"reason": REASON})
    refused = client.post(asked["Location"], {"password": "not-the-password"})
    assert "07700" not in refused.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.SAFETY_DETAILS_REVEALED).exists()
