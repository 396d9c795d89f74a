"""The Celery app: a `moderation` queue for the risk check, `default` for the rest."""

import os

from celery import Celery
from celery.signals import task_postrun
from django.db import close_old_connections
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("harbour")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("moderation"))
app.conf.task_default_queue = "default"
app.conf.task_routes = {"moderation.tasks.*": {"queue": "moderation"}}
app.autodiscover_tasks()


@task_postrun.connect
def _connections_return(task=None, **kwargs):
    # Celery's Django fixup would close Django's PostgreSQL connection pool around
    # every task in a prefork process (celery/celery#10554), so each task paid for a
    # new connection (about 9 ms); CELERY_DB_REUSE_MAX keeps it from doing that. As
    # after a web request, give the connection back to the pool (or close it if it
    # broke), so the next task starts from a healthy one. An eager task runs inside
    # its caller's request or transaction, whose connection is not ours to close.
    if task is not None and not task.request.is_eager:
        close_old_connections()
