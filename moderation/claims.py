"""Claiming cases: one guide holds a case at a time, for a lease renewed while they work.

"Next case" takes the top unclaimed case in queue order. On PostgreSQL the row is
picked with SELECT ... FOR UPDATE SKIP LOCKED, so guides asking at the same moment
each get a different case without waiting on each other; everywhere the claim
itself is a conditional UPDATE (only if still unclaimed) whose row count says
whether it worked, which is all SQLite (no SKIP LOCKED) relies on.
A lease that runs out frees the case; nobody has to release it.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone

from accounts.roles import Role
from community.compiled import CompiledOnce
from moderation.audit import audit_record
from moderation.errors import ModerationRefused
from moderation.live import CLAIMED, RELEASED, console_event_on_commit
from moderation.models import AuditAction, CaseState, ReviewCase

# Without SKIP LOCKED, how many cases from the top to try before giving up this time.
_CANDIDATES = 20
CLINICIANS = (Role.GUIDE, Role.LEAD)


def lease_end(now):
    return now + timedelta(seconds=settings.HARBOUR_CASE_LEASE_SECONDS)


def _take(case_pk, guide, now) -> bool:
    waiting = ReviewCase.objects.filter(pk=case_pk).open().unclaimed(now)
    return bool(waiting.update(claimed_by=guide, claimed_at=now, lease_expires_at=lease_end(now)))


@transaction.atomic
def case_claim_next(*, guide) -> ReviewCase | None:
    """Claim the top unclaimed open case for the guide; None when nothing waits."""
    now = timezone.now()
    if connection.features.has_select_for_update_skip_locked:
        case = _take_top(guide, now)
    else:
        waiting = ReviewCase.objects.open().unclaimed(now).in_queue_order()
        case = next((c for c in waiting[:_CANDIDATES] if _take(c.pk, guide, now)), None)
        case = case and ReviewCase.objects.get(pk=case.pk)
    if case is None:
        return None
    # The audit names the author by pseudonym, found by id: no need to load the account.
    author = get_user_model()(pk=case.author_id)
    audit_record(
        actor=guide, action=AuditAction.CASE_CLAIMED, member=author, subject=f"case:{case.pk}"
    )
    console_event_on_commit(event=CLAIMED, case=case)
    return case


def _top_unclaimed():
    # The lease is compared with the database's clock, so the query has no values and
    # is compiled once; the partial index case_queue_order serves its order.
    return (
        ReviewCase.objects.open()
        .filter(Q(claimed_by__isnull=True) | Q(lease_expires_at__lte=Now()))
        .in_queue_order()
        .select_for_update(skip_locked=True, of=("self",))
        .values("pk")[:1]
    )


_TOP_UNCLAIMED = CompiledOnce(_top_unclaimed)


def _take_top(guide, now) -> ReviewCase | None:
    """Pick and take the top unclaimed case in one statement (PostgreSQL): guides
    pressing the button together skip each other's rows instead of waiting."""
    pick_sql, pick_params = _TOP_UNCLAIMED.sql()
    table = ReviewCase._meta.db_table
    # Only the ORM's own SQL and the model's table name: nothing a person typed.
    sql = (
        f'UPDATE "{table}" SET "claimed_by_id" = %s, "claimed_at" = %s, '  # noqa: S608
        f'"lease_expires_at" = %s WHERE "id" = ({pick_sql}) RETURNING *'
    )
    params = [guide.pk, now, lease_end(now), *pick_params]
    return next(iter(ReviewCase.objects.raw(sql, params)), None)


@transaction.atomic
def case_claim(*, case, guide) -> ReviewCase:
    """Claim this case, or keep holding it; refused while another guide holds it."""
    now = timezone.now()
    free = ReviewCase.objects.filter(pk=case.pk).open()
    mine = free.filter(claimed_by=guide).update(lease_expires_at=lease_end(now))
    if not mine:
        if not _take(case.pk, guide, now):
            raise ModerationRefused(_why_not_yours(case.pk))
        audit_record(
            actor=guide, action=AuditAction.CASE_CLAIMED, member=case.author,
            subject=f"case:{case.pk}",
        )  # fmt: skip
        console_event_on_commit(event=CLAIMED, case=case)
    return ReviewCase.objects.get(pk=case.pk)


def case_lease_renew(*, case, guide) -> bool:
    """Extend the guide's lease while they work on the case; False if it is not theirs.
    A lapsed lease nobody else has taken is still theirs to renew."""
    now = timezone.now()
    held = ReviewCase.objects.filter(pk=case.pk, claimed_by=guide).open()
    return bool(held.update(lease_expires_at=lease_end(now)))


@transaction.atomic
def case_release(*, case, guide) -> None:
    """Give the case back to the queue."""
    held = ReviewCase.objects.filter(pk=case.pk, claimed_by=guide).open()
    if not held.update(claimed_by=None, claimed_at=None, lease_expires_at=None):
        raise ModerationRefused("You aren't holding this case, so there is nothing to release.")
    audit_record(
        actor=guide, action=AuditAction.CASE_RELEASED, member=case.author, subject=f"case:{case.pk}"
    )
    console_event_on_commit(event=RELEASED, case=case)


@transaction.atomic
def case_reassign(*, case, lead, to, reason: str = "") -> ReviewCase:
    """A lead hands the case to another guide (or lead), with a fresh lease."""
    if lead.role != Role.LEAD:
        raise ModerationRefused("Only a clinical lead can reassign a case.")
    if to.role not in CLINICIANS or not to.is_active:
        raise ModerationRefused("A case can only go to an active Wall Guide or lead.")
    now = timezone.now()
    moved = ReviewCase.objects.filter(pk=case.pk).open()
    if not moved.update(claimed_by=to, claimed_at=now, lease_expires_at=lease_end(now)):
        raise ModerationRefused("This case has already been decided.")
    audit_record(
        actor=lead, action=AuditAction.CASE_REASSIGNED, member=case.author,
        subject=f"case:{case.pk}", reason=reason or f"to {to.handle}",
    )  # fmt: skip
    console_event_on_commit(event=CLAIMED, case=case)
    return ReviewCase.objects.get(pk=case.pk)


def case_locked_for(case, actor) -> ReviewCase:
    """The case again, its row locked, if the actor may act on it now: it is open
    and no other guide holds it. Acting then keeps it theirs until it closes."""
    case = ReviewCase.objects.select_for_update().get(pk=case.pk)
    if case.state != CaseState.OPEN:
        raise ModerationRefused("This case has already been decided.")
    if case.holder_id() not in (None, actor.pk):
        raise ModerationRefused(_why_not_yours(case.pk))
    return case


def _why_not_yours(case_pk) -> str:
    case = ReviewCase.objects.filter(pk=case_pk).first()
    if case is None or case.state != CaseState.OPEN:
        return "This case has already been decided."
    return "Another Wall Guide is working on this case. Take the next one from the queue."
