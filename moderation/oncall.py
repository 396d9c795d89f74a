"""The on-call rota, and paging for urgent cases.

Leads put guides (or themselves) on duty for a time; a new urgent case pages whoever
is on duty at once, by a content-free email and a console notice. With nobody on
duty, every lead is flagged instead and the author's page says that help may take
longer. Paging happens once per case: `paged_at` is taken with a conditional UPDATE,
and a beat task (moderation.console_tasks) pages any urgent case that was missed.
"""

from django.db import transaction
from django.utils import timezone

from accounts.roles import Role
from moderation import alerts
from moderation.audit import audit_record
from moderation.errors import ModerationRefused
from moderation.models import (
    AlertKind,
    AuditAction,
    CasePriority,
    CaseState,
    OnCallShift,
    ReviewCase,
)
from moderation.selectors_safety import CLINICIANS, guides_on_duty, rota_zone

MAX_SHIFT_HOURS = 24 * 7


@transaction.atomic
def oncall_shift_add(*, lead, guide, starts_at, ends_at) -> OnCallShift:
    """Put a guide on duty from `starts_at` to `ends_at` (aware datetimes)."""
    if lead.role != Role.LEAD:
        raise ModerationRefused("Only a clinical lead can change the on-call rota.")
    if guide.role not in CLINICIANS or not guide.is_active:
        raise ModerationRefused("Only an active Wall Guide or lead can be on call.")
    if ends_at <= starts_at:
        raise ModerationRefused("The shift must end after it starts.")
    if ends_at <= timezone.now():
        raise ModerationRefused("That shift is already over.")
    if (ends_at - starts_at).total_seconds() > MAX_SHIFT_HOURS * 3600:
        raise ModerationRefused("A shift can be at most a week long: add another for the rest.")
    shift = OnCallShift.objects.create(
        guide=guide, starts_at=starts_at, ends_at=ends_at, created_by=lead
    )
    audit_record(
        actor=lead, action=AuditAction.ONCALL_SHIFT_ADDED, member=guide,
        subject=f"shift:{shift.pk}", reason=_shift_words(shift),
    )  # fmt: skip
    return shift


@transaction.atomic
def oncall_shift_remove(*, lead, shift) -> None:
    """Take a shift off the rota."""
    if lead.role != Role.LEAD:
        raise ModerationRefused("Only a clinical lead can change the on-call rota.")
    audit_record(
        actor=lead, action=AuditAction.ONCALL_SHIFT_REMOVED, member=shift.guide,
        subject=f"shift:{shift.pk}", reason=_shift_words(shift),
    )  # fmt: skip
    shift.delete()


def _shift_words(shift) -> str:
    zone = rota_zone()
    start, end = shift.starts_at.astimezone(zone), shift.ends_at.astimezone(zone)
    return f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} ({zone.key})"


def urgent_case_page(case_id: int) -> str:
    """Page for one urgent case, once: the guides on duty, or every lead if nobody is.
    Returns what was done. A failed email rolls the page back for the beat to retry."""
    now = timezone.now()
    with transaction.atomic():
        waiting = ReviewCase.objects.filter(
            pk=case_id, state=CaseState.OPEN, priority=CasePriority.URGENT, paged_at__isnull=True
        )
        if not waiting.update(paged_at=now):
            return "not needed"
        case = ReviewCase.objects.get(pk=case_id)
        on_duty = guides_on_duty(now)
        if on_duty:
            _page(on_duty, case, AlertKind.URGENT_CASE, f"Urgent case {case.pk} is waiting.")
            return "paged"
        case.nobody_on_duty = True
        case.save(update_fields=["nobody_on_duty"])
        text = f"Urgent case {case.pk} is waiting and nobody is on call."
        _page(list(alerts.leads_active()), case, AlertKind.NOBODY_ON_DUTY, text)
        return "nobody on duty"


def _page(recipients, case, kind, text):
    alerts.alert_send(recipients=recipients, kind=kind, case=case, text=text)
    alerts.email_send(recipients=recipients, subject=alerts.PAGE_SUBJECT, case=case)


def urgent_cases_unpaged():
    """Ids of open urgent cases nobody has been paged for yet."""
    return (
        ReviewCase.objects.open()
        .filter(priority=CasePriority.URGENT, paged_at__isnull=True)
        .values_list("pk", flat=True)
    )
