"""An escalated case: the checklist from settings, each step recorded with time and
guide, and the outcome recorded as the case closes with the item approved or removed."""

import pytest
from django.urls import reverse

from community.models import Post
from moderation.models import AuditAction, AuditEntry, CaseState, EscalationStep, ReviewCase
from moderation.services import case_open_for
from moderation.states import ModerationState

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_checklist_from_settings(
    client_for, guide, escalated_post, settings
):
    settings.HARBOUR_ESCALATION_WAIT_MINUTES = 12
    case = case_open_for(escalated_post)
    page = client_for(guide).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Message the member with support and crisis numbers" in page
    assert "Wait 12 minutes for a reply" in page
    assert "Reveal safety details (break-glass)" in page


def test_a_review_case_has_no_checklist(client_for, guide, held_post):
    page = client_for(guide).get(reverse("case_detail", args=[case_open_for(held_post).pk]))
    assert page.context["checklist"] is None
    assert "Escalation protocol" not in page.content.decode()


def test_each_step_is_recorded_with_its_time_and_guide(client_for, guide, escalated_post):
    case = case_open_for(escalated_post)
    client = client_for(guide)
    response = client.post(
        reverse("escalation_step", args=[case.pk]),
        {"step_form-step": "message_member", "step_form-note": "Sent Samaritans' number"},
    )
    assert response.status_code == 302
    step = EscalationStep.objects.get()
    assert (step.step, step.done_by, step.note) == (
        "message_member", guide, "Sent Samaritans' number",
    )  # fmt: skip
    entry = AuditEntry.objects.get(action=AuditAction.ESCALATION_STEP_DONE)
    assert entry.reason == "message_member: Sent Samaritans' number"
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "guide-charlie" in page and step.done_at.strftime("%H:%M") in page
    again = client.post(
        reverse("escalation_step", args=[case.pk]), {"step_form-step": "message_member"}
    )
    assert again.status_code == 302 and EscalationStep.objects.count() == 1


def test_the_outcome_closes_the_case_and_approves_the_item(
    client_for, guide, escalated_post, claimed
):
    case = claimed(escalated_post, guide)
    response = client_for(guide).post(
        reverse("escalation_outcome", args=[case.pk]),
        {"outcome_form-outcome": "member_safe", "outcome_form-decision": "approve",
         "outcome_form-message": "Glad you're safe."},
    )  # fmt: skip
    assert response.status_code == 302
    case = ReviewCase.objects.get(pk=case.pk)
    assert case.state == CaseState.CLOSED and case.outcome == "member_safe"
    assert Post.objects.get(pk=escalated_post.pk).state == ModerationState.PUBLISHED
    assert EscalationStep.objects.filter(case=case, step="record_outcome").exists()
    assert AuditEntry.objects.filter(action=AuditAction.ESCALATION_OUTCOME).get().reason == (
        "The member is safe"
    )


def test_the_outcome_can_remove_the_item_with_a_reason(client_for, guide, escalated_post, claimed):
    case = claimed(escalated_post, guide)
    client_for(guide).post(
        reverse("escalation_outcome", args=[case.pk]),
        {"outcome_form-outcome": "emergency_services", "outcome_form-decision": "remove",
         "outcome_form-message": "We took this down to keep you safe."},
    )  # fmt: skip
    case = ReviewCase.objects.get(pk=case.pk)
    assert case.outcome == "emergency_services" and case.decision == "removed"
    assert Post.objects.get(pk=escalated_post.pk).state == ModerationState.REMOVED


def test_only_the_holder_records_the_outcome(client_for, guide, lead, escalated_post, claimed):
    case = claimed(escalated_post, lead)
    client_for(guide).post(
        reverse("escalation_outcome", args=[case.pk]),
        {"outcome_form-outcome": "false_alarm", "outcome_form-decision": "approve"},
    )
    assert ReviewCase.objects.get(pk=case.pk).state == CaseState.OPEN


def test_a_guides_escalation_makes_a_review_case_an_escalation(
    client_for, guide, held_post, claimed
):
    case = claimed(held_post, guide)
    client_for(guide).post(
        reverse("case_escalate", args=[case.pk]), {"escalate_form-reason": "Mentions a plan"}
    )
    case = ReviewCase.objects.get(pk=case.pk)
    assert case.is_escalation and case.escalated_at is not None
