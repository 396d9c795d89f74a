"""Celery tasks for organisation reports: thin interfaces to insights.aggregation."""

from celery import shared_task

from insights.aggregation import insights_aggregate, nightly_days


@shared_task
def daily_aggregation_run():
    """Rebuild the recent days' figures for every organisation (CELERY_BEAT_SCHEDULE)."""
    return insights_aggregate(days=nightly_days())
