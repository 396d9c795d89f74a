"""Legal holds: a clinical lead keeps an account from being erased while an
escalation about the member is worked. Placing and lifting are audited."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from moderation.audit import audit_record
from moderation.models import AuditAction, CasePriority, ReviewCase
from privacy.models import LegalHold

LEGAL_HOLD_PLACED = AuditAction.LEGAL_HOLD_PLACED
LEGAL_HOLD_LIFTED = AuditAction.LEGAL_HOLD_LIFTED


class HoldRefused(Exception):
    """The hold cannot be placed; the message says why."""


def _under_escalation(member) -> bool:
    """An escalation about the member is active: an urgent case open, or escalated by
    a guide and not yet given an outcome."""
    cases = ReviewCase.objects.filter(author=member)
    urgent_open = cases.open().filter(priority=CasePriority.URGENT)
    no_outcome = cases.filter(escalated_at__isnull=False, outcome="")
    return urgent_open.exists() or no_outcome.exists()


@transaction.atomic
def legal_hold_place(*, lead, member: User, reason: str) -> LegalHold:
    """Place a hold on `member`'s erasure; only under an active escalation, with a reason."""
    if member.role != Role.MEMBER:
        raise HoldRefused("Only a member's account can be held.")
    if not reason.strip():
        raise HoldRefused(
            "Please give a reason. It is kept in the audit log, not shown to the member."
        )
    if not _under_escalation(member):
        raise HoldRefused(
            "There is no active escalation about this member, so their account can't be held."
        )
    try:
        with transaction.atomic():
            hold = LegalHold.objects.create(member=member, placed_by=lead, reason=reason.strip())
    except IntegrityError:
        raise HoldRefused("This account is already on hold.") from None
    audit_record(
        actor=lead,
        action=LEGAL_HOLD_PLACED,
        member=member,
        subject=f"hold:{hold.pk}",
        reason=reason,
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, lead, hold: LegalHold) -> LegalHold:
    """Lift a hold: the member may erase their account again."""
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is None:
        hold.lifted_at, hold.lifted_by = timezone.now(), lead
        hold.save(update_fields=["lifted_at", "lifted_by"])
        audit_record(
            actor=lead, action=LEGAL_HOLD_LIFTED, member=hold.member, subject=f"hold:{hold.pk}"
        )
    return hold
