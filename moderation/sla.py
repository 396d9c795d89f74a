"""Cases past their SLA, and the lead's overview of how the queue is doing.

A beat task (moderation.console_tasks.sla_breaches_raise) finds open cases whose SLA
deadline has passed, raises each one priority (normal to high, high to urgent; the paging
beat then pages the guide on call for it) once, and tells every lead. Raising shortens the deadline,
so `sla_breached_at` keeps a case from being raised again on every beat.
"""

import statistics
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from moderation import alerts
from moderation.live import RAISED, console_event_on_commit
from moderation.models import AlertKind, CasePriority, CaseState, ReviewCase

OVERVIEW_DAYS = 7


def sla_breaches_raise(now=None) -> int:
    """Raise every open case newly past its SLA by one priority; tell the leads."""
    now = now or timezone.now()
    overdue = (
        ReviewCase.objects.open()
        .with_sla_deadline()
        .filter(sla_deadline__lt=now, sla_breached_at__isnull=True)
    )
    raised = 0
    for case_id in list(overdue.values_list("pk", flat=True)):
        raised += _raise(case_id, now)
    return raised


@transaction.atomic
def _raise(case_id, now) -> int:
    case = ReviewCase.objects.select_for_update().get(pk=case_id)
    if case.state != CaseState.OPEN or case.sla_breached_at is not None:
        return 0
    was = case.get_priority_display().lower()
    case.priority = min(case.priority + 1, CasePriority.URGENT)
    case.sla_breached_at = now
    case.save(update_fields=["priority", "sla_breached_at"])
    console_event_on_commit(event=RAISED, case=case)
    text = f"Case {case.pk} ({was}) is past its SLA; now {case.get_priority_display().lower()}."
    alerts.alert_send(
        recipients=alerts.leads_active(), kind=AlertKind.SLA_BREACH, case=case, text=text
    )
    return 1


def lead_overview(now=None) -> dict:
    """Open cases by priority, breaches since midnight, and the median time to a
    decision per priority over the last seven days (in minutes)."""
    now = now or timezone.now()
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    counts = dict(
        ReviewCase.objects.open().values_list("priority").annotate(n=Count("pk")).order_by()
    )
    decided = ReviewCase.objects.filter(
        state=CaseState.CLOSED, closed_by__isnull=False,
        closed_at__gte=now - timedelta(days=OVERVIEW_DAYS),
    ).values_list("priority", "opened_at", "closed_at")  # fmt: skip
    waits = {priority: [] for priority in CasePriority.values}
    for priority, opened_at, closed_at in decided:
        waits[priority].append((closed_at - opened_at).total_seconds() / 60)
    rows = [
        {
            "priority": CasePriority(priority).label,
            "open": counts.get(priority, 0),
            "decided": len(waits[priority]),
            "median_minutes": statistics.median(waits[priority]) if waits[priority] else None,
        }
        for priority in sorted(CasePriority.values, reverse=True)
    ]
    breaches = ReviewCase.objects.filter(sla_breached_at__gte=midnight).count()
    return {"rows": rows, "breaches_today": breaches, "days": OVERVIEW_DAYS}
