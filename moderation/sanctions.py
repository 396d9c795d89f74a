"""A member's standing: sanctions and appeals.

A guide may warn a member, pause their posting for some hours, or suspend their
posting until lifted; the member reads the reason in their messages and on their
standing page, and community services refuse a post while a pause or suspension is
in force (moderation.selectors.posting_blocked). A member may appeal a removal or a
sanction once, with a short text; a lead decides, and both sides see the result.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.roles import Role
from moderation import alerts
from moderation.audit import audit_record
from moderation.errors import ModerationRefused
from moderation.models import (
    AlertKind,
    Appeal,
    AppealState,
    AuditAction,
    CaseDecision,
    CaseState,
    GuideMessage,
    Sanction,
    SanctionKind,
)
from moderation.pipeline import item_locked
from moderation.registry import handler_for
from moderation.selectors import posting_refusal
from moderation.selectors_safety import CLINICIANS
from moderation.states import Actor, Event, ModerationState, next_state

APPEAL_MAX = 1000
PAUSE_MAX_HOURS = 24 * 30


@transaction.atomic
def sanction_issue(*, guide, member, kind: str, reason: str, hours=None, case=None) -> Sanction:
    """Warn, pause (for `hours`) or suspend (until lifted, or for `hours`) a member."""
    if guide.role not in CLINICIANS:
        raise ModerationRefused("Only Wall Guides and leads can issue a sanction.")
    if member.role != Role.MEMBER:
        raise ModerationRefused("Sanctions apply to members only.")
    if not reason.strip():
        raise ModerationRefused("Please give the member a reason: they will read it.")
    if kind == SanctionKind.PAUSE and not hours:
        raise ModerationRefused("Please say for how many hours posting is paused.")
    if hours is not None and not 1 <= hours <= PAUSE_MAX_HOURS:
        raise ModerationRefused(f"Please choose between 1 and {PAUSE_MAX_HOURS} hours.")
    now = timezone.now()
    ends_at = now + timedelta(hours=hours) if hours and kind != SanctionKind.WARNING else None
    sanction = Sanction.objects.create(
        member=member, kind=kind, reason=reason.strip(), starts_at=now, ends_at=ends_at,
        issued_by=guide, case=case,
    )  # fmt: skip
    GuideMessage.objects.create(
        member=member, case=case, sender=guide, body=sanction_notice(sanction)
    )
    audit_record(
        actor=guide, action=AuditAction.SANCTION_ISSUED, member=member,
        subject=f"sanction:{sanction.pk}" + (f" case:{case.pk}" if case else ""),
        reason=f"{sanction.get_kind_display()}: {sanction.reason}",
    )  # fmt: skip
    return sanction


def sanction_notice(sanction) -> str:
    """What the member reads in their messages."""
    if sanction.kind == SanctionKind.WARNING:
        head = f"A warning from the Wall Guides. {sanction.reason}"
    else:
        head = posting_refusal(sanction)
    return head + "\nYou can appeal once, from “Your standing”, linked at the top of your messages."


@transaction.atomic
def sanction_lift(*, lead, sanction, reason: str = "") -> Sanction:
    """End a pause or suspension now."""
    if lead.role != Role.LEAD:
        raise ModerationRefused("Only a clinical lead can lift a sanction.")
    updated = Sanction.objects.filter(pk=sanction.pk, lifted_at__isnull=True)
    if not updated.update(lifted_at=timezone.now()):
        raise ModerationRefused("This sanction has already been lifted.")
    audit_record(
        actor=lead, action=AuditAction.SANCTION_LIFTED, member=sanction.member,
        subject=f"sanction:{sanction.pk}", reason=reason,
    )  # fmt: skip
    return Sanction.objects.get(pk=sanction.pk)


@transaction.atomic
def appeal_submit(*, member, text: str, case=None, sanction=None) -> Appeal:
    """The member's one appeal against a removal (its case) or a sanction."""
    text = text.strip()
    if not text:
        raise ModerationRefused("Please say in a few words why you are appealing.")
    if len(text) > APPEAL_MAX:
        raise ModerationRefused(f"Please keep your appeal under {APPEAL_MAX} characters.")
    if case is not None and not _removed_for(case, member):
        raise ModerationRefused("You can only appeal the removal of your own post.")
    if sanction is not None and sanction.member_id != member.pk:
        raise ModerationRefused("You can only appeal your own sanctions.")
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(member=member, case=case, sanction=sanction, text=text)
    except IntegrityError:
        raise ModerationRefused("You have already appealed this. A lead will decide.") from None
    notice = f"{member.handle} appealed {'a removal' if case else 'a sanction'}."
    alerts.alert_send(recipients=alerts.leads_active(), kind=AlertKind.APPEAL, text=notice)
    return appeal


def _removed_for(case, member) -> bool:
    return (
        case.author_id == member.pk
        and case.state == CaseState.CLOSED
        and case.decision == CaseDecision.REMOVED
    )


@transaction.atomic
def appeal_decide(*, lead, appeal, uphold: bool, note: str) -> Appeal:
    """A lead upholds (the item is published again, or the sanction lifted) or rejects
    the appeal; the member is told in their messages, with the lead's note."""
    if lead.role != Role.LEAD:
        raise ModerationRefused("Only a clinical lead can decide an appeal.")
    if not note.strip():
        raise ModerationRefused("Please write a short note: the member will read it.")
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.state != AppealState.PENDING:
        raise ModerationRefused("This appeal has already been decided.")
    appeal.state = AppealState.UPHELD if uphold else AppealState.REJECTED
    appeal.decided_by, appeal.decided_at, appeal.decision_note = lead, timezone.now(), note.strip()
    appeal.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    if uphold and appeal.case_id:
        _republish(appeal.case, note)
    elif uphold:
        Sanction.objects.filter(pk=appeal.sanction_id, lifted_at__isnull=True).update(
            lifted_at=timezone.now()
        )
    verdict = "upheld" if uphold else "not upheld"
    GuideMessage.objects.create(
        member=appeal.member, case=appeal.case, sender=lead,
        body=f"Your appeal was {verdict}. {appeal.decision_note}",
    )  # fmt: skip
    audit_record(
        actor=lead, action=AuditAction.APPEAL_DECIDED, member=appeal.member,
        subject=f"appeal:{appeal.pk}", reason=f"{verdict}: {appeal.decision_note}",
    )  # fmt: skip
    return appeal


def _republish(case, note):
    item = case.item
    if item is None:  # erased since
        return
    item = item_locked(item)
    if item.state != ModerationState.REMOVED:  # deleted by the author since
        return
    item.state = next_state(item.state, Event.APPEAL_UPHELD, Actor.LEAD)
    item.save(update_fields=["state"])
    handler_for(item).publish(item)
    handler_for(item).after_decision(item, approved=True, message=note)
