"""The metrics /metrics serves: the moderation queue as an operator watches it."""

from django.conf import settings
from django.utils import timezone

from ops import selectors
from ops.exposition import Metric


def metrics_collect(now=None) -> list[Metric]:
    """Every metric, read now. Names start harbour_; ages are in seconds."""
    now = now or timezone.now()
    pending = selectors.pending_items(now)
    queue = selectors.review_queue(now)
    window = settings.HARBOUR_METRICS_RATE_WINDOW_SECONDS
    rates = selectors.decisions_per_minute(now, window)
    per_minute = f"per minute, over the last {window} s"

    waiting = Metric("harbour_moderation_pending_items", "Items waiting for the automatic check.")
    for kind, count in pending["by_kind"].items():
        waiting.add(count, kind=kind)
    cases = Metric("harbour_review_cases_open", "Open review cases, by priority.")
    overdue = Metric("harbour_review_cases_overdue", "Open cases past their SLA deadline now.")
    for priority, count in queue["open"].items():
        cases.add(count, priority=priority)
        overdue.add(queue["overdue"][priority], priority=priority)
    guide = Metric("harbour_review_decisions_per_minute", f"Guides' case decisions {per_minute}.")
    for decision, rate in rates["guide"].items():
        guide.add(rate, decision=decision)
    check = Metric("harbour_risk_decisions_per_minute", f"Automatic verdicts {per_minute}.")
    for decision, rate in rates["check"].items():
        check.add(rate, decision=decision)
    return [
        waiting,
        Metric(
            "harbour_moderation_pending_oldest_age_seconds",
            "Age of the oldest item waiting for the automatic check (0 if none).",
        ).add(pending["oldest_age"]),
        Metric("harbour_review_queue_depth", "Open review cases waiting for or with a guide.").add(
            sum(queue["open"].values())
        ),
        Metric("harbour_review_queue_unclaimed", "Open cases no guide holds.").add(
            queue["unclaimed"]
        ),
        Metric(
            "harbour_review_queue_oldest_age_seconds", "Age of the oldest open case (0 if none)."
        ).add(queue["oldest_age"]),
        cases,
        overdue,
        Metric(
            "harbour_review_sla_breaches_today",
            "Cases raised for passing their SLA since local midnight.",
        ).add(selectors.sla_breaches_today(now)),
        guide,
        check,
    ]
