"""Celery tasks for chat: thin interfaces to services."""

from celery import shared_task

from chat.services_buddies import matching_run
from chat.services_checkins import checkins_ask


@shared_task
def buddy_matching_run():
    """Propose buddy pairs among waiting members (CELERY_BEAT_SCHEDULE)."""
    return matching_run()


@shared_task
def buddy_checkins_ask():
    """Ask buddies a week into their match how it is going (CELERY_BEAT_SCHEDULE)."""
    return checkins_ask()
