"""Reads for organisation reports: the labels offered and a period's counts per slice.

Counts come from DailyStat only, never from the activity tables, so a report costs
the same however many members and posts there are.
"""

from collections import defaultdict

from django.db.models import Sum
from django.db.models.functions import TruncWeek

from community.models import Talkabout
from insights.models import DailyStat, Metric
from insights.periods import WEEK, Period
from insights.report import REST

MIN_LABEL_MEMBERS = 5
TOP_TALKABOUTS = 5


def offered_labels(organisation) -> list[str]:
    """Access-code labels with at least 5 members at the last nightly run: the only ones a
    report breaks down by. Taken from that run, not from now, so every report between
    two runs splits the organisation the same way."""
    counts = DailyStat.objects.filter(organisation=organisation, metric=Metric.MEMBERS)
    latest = counts.order_by("-day").values_list("day", flat=True)[:1]
    rows = (
        counts.filter(day=latest, value__gte=MIN_LABEL_MEMBERS)
        .exclude(label="")
        .order_by("label")
        .values_list("label", flat=True)
    )
    return list(rows)


def _active_metric(kind: str) -> str:
    return Metric.ACTIVE_WEEK if kind == WEEK else Metric.ACTIVE_MONTH


def _slice_rows(rows, offered: list[str], active: str) -> dict:
    """{slice: {(metric, key): value}} with every label not offered counted in REST."""
    per_slice = {label: defaultdict(int) for label in [*offered, REST]}
    inactive = {Metric.ACTIVE_WEEK, Metric.ACTIVE_MONTH, Metric.MEMBERS} - {active}
    for label, metric, key, value in rows:
        if metric in inactive:
            continue
        metric = "active" if metric == active else metric
        per_slice[label if label in per_slice else REST][(metric, key)] += value
    return per_slice


def period_counts(organisation, period: Period, offered: list[str]) -> dict:
    rows = (
        DailyStat.objects.filter(
            organisation=organisation, day__gte=period.start, day__lt=period.end
        )
        .values_list("label", "metric", "key")
        .annotate(total=Sum("value"))
    )
    return _slice_rows(rows, offered, _active_metric(period.kind))


def weekly_counts(organisation, weeks: list[Period], offered: list[str]) -> dict:
    """{week start: per-slice counts} for consecutive weeks, in one query."""
    rows = (
        DailyStat.objects.filter(
            organisation=organisation,
            day__gte=min(w.start for w in weeks),
            day__lt=max(w.end for w in weeks),
        )
        .annotate(week=TruncWeek("day"))
        .values_list("week", "label", "metric", "key")
        .annotate(total=Sum("value"))
    )
    by_week = defaultdict(list)
    for week, *row in rows:
        by_week[week].append(row)
    return {
        w.start: _slice_rows(by_week.get(w.start, []), offered, Metric.ACTIVE_WEEK) for w in weeks
    }


def talkabouts_most_used(per_slice: dict, slice_names: list[str]) -> list[str]:
    """Titles of the Talkabouts with the most posts and replies, each with at least 5."""
    totals = defaultdict(int)
    for name in slice_names:
        for (metric, key), value in per_slice[name].items():
            if metric == Metric.TALKABOUT_POSTS:
                totals[key] += value
    ranked = sorted(
        ((value, key) for key, value in totals.items() if value >= MIN_LABEL_MEMBERS),
        key=lambda pair: (-pair[0], pair[1]),
    )[:TOP_TALKABOUTS]
    titles = dict(
        Talkabout.objects.filter(pk__in=[int(key) for _, key in ranked]).values_list("pk", "title")
    )
    return [titles[int(key)] for _, key in ranked if int(key) in titles]
