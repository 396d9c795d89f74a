"""Celery tasks for organisations: thin, they call organisations.licence."""

from celery import shared_task

from organisations.licence import licence_reminders_send as _send


@shared_task
def licence_reminders_send() -> int:
    """Daily: remind organisation admins before their licence ends."""
    return _send()
