"""A clinical lead's legal hold: only under an active escalation; erasure waits, and
the member is told why in kind words."""

import pytest
from django.urls import reverse

from moderation.models import AuditEntry, ReportReason
from moderation.services import case_approve, case_open_for, report_submit
from privacy.models import LegalHold
from privacy.services.erasure import HOLD_MESSAGE, ErasureRefused, account_erase
from privacy.services.holds import HoldRefused, legal_hold_lift, legal_hold_place
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def escalation(member, other_member, alices_world):
    """Bob worries Alice may be at risk: an urgent case about her opening post."""
    post = alices_world.posts.get(is_opening=True)
    report_submit(item=post, reporter=other_member, reason=ReportReason.RISK_TO_AUTHOR)
    return case_open_for(post)


def test_a_lead_places_a_hold_under_an_active_escalation(client_for, lead, member, escalation):
    response = client_for(lead).post(
        reverse("privacy_legal_holds"), {"handle": "alice-wren", "reason": "Protocol step 3"}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get(member=member, lifted_at__isnull=True)
    assert hold.placed_by == lead
    assert AuditEntry.objects.filter(action="legal_hold_placed", subject=f"hold:{hold.pk}").exists()


def test_no_hold_without_an_escalation(lead, member, alices_world):
    with pytest.raises(HoldRefused, match="no active escalation"):
        legal_hold_place(lead=lead, member=member, reason="Just in case")
    assert not LegalHold.objects.exists()


def test_a_hold_blocks_erasure_and_the_member_is_told_kindly(
    client_for, lead, guide, member, escalation
):
    legal_hold_place(lead=lead, member=member, reason="Protocol step 3")
    case_approve(case=escalation, guide=guide)  # the case is closed; the hold remains
    client = client_for(member)
    page = client.get(reverse("privacy_erase")).content.decode()
    assert "a clinical lead has asked us to keep your account" in page
    assert 'name="password"' not in page  # no form to fill in while erasure waits
    response = client.post(reverse("privacy_erase"), {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 409
    member.refresh_from_db()
    assert member.is_active and member.handle == "alice-wren"
    with pytest.raises(ErasureRefused) as refusal:
        account_erase(member=member, password=PASSWORD)
    assert refusal.value.message == HOLD_MESSAGE
    assert "Protocol step 3" not in page  # the lead's reason is never shown to the member


def test_erasure_goes_ahead_once_the_hold_is_lifted(lead, guide, member, escalation):
    hold = legal_hold_place(lead=lead, member=member, reason="Protocol step 3")
    case_approve(case=escalation, guide=guide)
    legal_hold_lift(lead=lead, hold=hold)
    account_erase(member=member, password=PASSWORD)
    member.refresh_from_db()
    assert member.handle.startswith("former-member-")


def test_an_open_urgent_case_alone_makes_erasure_wait(member, escalation):
    with pytest.raises(ErasureRefused):
        account_erase(member=member, password=PASSWORD)


def test_members_cannot_reach_the_holds_page(client_for, member):
    assert client_for(member).get(reverse("privacy_legal_holds")).status_code == 404
