"""Working an escalation: the checklist, break-glass and the outcome.

The protocol (HARBOUR_ESCALATION_CHECKLIST): message the member with support and
crisis numbers; wait for a reply; if there is imminent risk and no response, reveal
the safety details and contact local emergency services; record the outcome.
Leads are told of every break-glass at once; they oversee, never approve first:
nobody waits for a lead in an emergency.
"""

from django.conf import settings
from django.db import transaction

from accounts.models import SafetyDetails
from moderation import alerts
from moderation.audit import audit_record
from moderation.claims import case_locked_for
from moderation.errors import ModerationRefused
from moderation.models import (
    AlertKind,
    AuditAction,
    CaseState,
    EscalationOutcome,
    EscalationStep,
)
from moderation.selectors_safety import CLINICIANS
from moderation.services import case_approve, case_remove

REASON_MIN = 10
OUTCOME_STEP = "record_outcome"


def _check_escalation(case, user) -> None:
    if user.role not in CLINICIANS:
        raise ModerationRefused("Only Wall Guides and leads work escalations.")
    if case.state != CaseState.OPEN or not case.is_escalation:
        raise ModerationRefused("This is only possible on an open escalated case.")


@transaction.atomic
def escalation_step_record(*, case, guide, step: str, note: str = "") -> EscalationStep:
    """Record a checklist step as done now, by this guide."""
    _check_escalation(case, guide)
    if step not in dict(settings.HARBOUR_ESCALATION_CHECKLIST):
        raise ModerationRefused("That step is not on the escalation checklist.")
    if case.escalation_steps.filter(step=step).exists():
        raise ModerationRefused("That step has already been recorded.")
    record = EscalationStep.objects.create(case=case, step=step, done_by=guide, note=note.strip())
    audit_record(
        actor=guide, action=AuditAction.ESCALATION_STEP_DONE, member=case.author,
        subject=f"case:{case.pk}", reason=f"{step}: {record.note}".rstrip(": "),
    )  # fmt: skip
    return record


@transaction.atomic
def safety_details_reveal(*, case, viewer, reason: str) -> SafetyDetails | None:
    """Break-glass: the case author's safety details, for a written reason, from an
    open escalated case only. Audited, and every lead is told at once. None when the
    member gave none (the page says so)."""
    _check_escalation(case, viewer)
    if len(reason.strip()) < REASON_MIN:
        raise ModerationRefused(
            "Please write why you need the safety details: every lead reads it."
        )
    audit_record(
        actor=viewer, action=AuditAction.SAFETY_DETAILS_REVEALED, member=case.author,
        subject=f"case:{case.pk}", reason=reason.strip(),
    )  # fmt: skip
    leads = [lead for lead in alerts.leads_active() if lead.pk != viewer.pk]
    text = f"{viewer.handle} revealed the safety details on case {case.pk}."
    alerts.alert_send(recipients=leads, kind=AlertKind.BREAK_GLASS, case=case, text=text)
    transaction.on_commit(
        lambda: alerts.email_send(
            recipients=leads, subject="Safety details were revealed", case=case
        ),
        robust=True,
    )
    return SafetyDetails.objects.filter(user=case.author).first()


@transaction.atomic
def escalation_close(*, case, guide, outcome: str, approve: bool, message: str) -> None:
    """Record the escalation's outcome and decide the item: approve it (with an
    optional word to the author) or remove it (the message is the reason)."""
    _check_escalation(case, guide)
    if outcome not in EscalationOutcome.values:
        raise ModerationRefused("Please choose the outcome.")
    case = case_locked_for(case, guide)
    case.outcome = outcome
    case.save(update_fields=["outcome"])
    if not case.escalation_steps.filter(step=OUTCOME_STEP).exists():
        EscalationStep.objects.create(case=case, step=OUTCOME_STEP, done_by=guide)
    audit_record(
        actor=guide, action=AuditAction.ESCALATION_OUTCOME, member=case.author,
        subject=f"case:{case.pk}", reason=EscalationOutcome(outcome).label,
    )  # fmt: skip
    if approve:
        case_approve(case=case, guide=guide, message=message)
    else:
        case_remove(case=case, guide=guide, reason=message)
