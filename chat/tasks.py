"""Celery tasks for chat: thin interfaces to services."""

from celery import shared_task

from chat.services_buddies import matching_run


@shared_task
def buddy_matching_run():
    """Propose buddy pairs among waiting members (CELERY_BEAT_SCHEDULE)."""
    return matching_run()
