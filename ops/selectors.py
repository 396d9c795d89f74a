"""The figures /metrics reports, read from the database at scrape time.

Rates are counted over the last HARBOUR_METRICS_RATE_WINDOW_SECONDS and given per
minute, so one scrape shows how the queue is moving without Prometheus having to
keep counters from every web process.
"""

from datetime import timedelta

from django.db.models import Count, Min
from django.utils import timezone

from moderation.models import CaseDecision, CasePriority, ReviewCase, RiskAssessment, RiskDecision
from moderation.registry import registered_models
from moderation.states import ModerationState


def _priority_name(priority) -> str:
    return CasePriority(priority).label.lower()


def _age_seconds(since, now) -> float:
    return 0.0 if since is None else max((now - since).total_seconds(), 0.0)


def pending_items(now) -> dict:
    """Items waiting for the automatic check, by model, and the oldest one's age."""
    counts, oldest = {}, None
    for model in registered_models():
        waiting = model.objects.filter(state=ModerationState.PENDING)
        row = waiting.aggregate(n=Count("pk"), first=Min("pending_since"))
        counts[model._meta.label_lower] = row["n"]
        if row["first"] is not None and (oldest is None or row["first"] < oldest):
            oldest = row["first"]
    return {"by_kind": counts, "oldest_age": _age_seconds(oldest, now)}


def review_queue(now) -> dict:
    """Open cases by priority, how many nobody holds, the oldest one's age, and how
    many are past their SLA deadline right now."""
    open_cases = ReviewCase.objects.open()
    by_priority = dict(open_cases.values_list("priority").annotate(n=Count("pk")).order_by())
    overdue = dict(
        open_cases.with_sla_deadline()
        .filter(sla_deadline__lt=now)
        .values_list("priority")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "open": {_priority_name(p): by_priority.get(p, 0) for p in CasePriority.values},
        "overdue": {_priority_name(p): overdue.get(p, 0) for p in CasePriority.values},
        "unclaimed": open_cases.unclaimed(now).count(),
        "oldest_age": _age_seconds(open_cases.aggregate(first=Min("opened_at"))["first"], now),
    }


def sla_breaches_today(now) -> int:
    """Cases raised for passing their SLA since local midnight (as the lead overview)."""
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return ReviewCase.objects.filter(sla_breached_at__gte=midnight).count()


def decisions_per_minute(now, window_seconds: int) -> dict:
    """Guides' decisions on cases and the automatic check's verdicts, per minute."""
    since = now - timedelta(seconds=window_seconds)
    minutes = window_seconds / 60
    guides = dict(
        ReviewCase.objects.filter(closed_at__gte=since, closed_by__isnull=False)
        .values_list("decision")
        .annotate(n=Count("pk"))
        .order_by()
    )
    checks = dict(
        RiskAssessment.objects.filter(created_at__gte=since)
        .values_list("decision")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "guide": {d: guides.get(d, 0) / minutes for d in CaseDecision.values},
        "check": {d: checks.get(d, 0) / minutes for d in RiskDecision.values},
    }
