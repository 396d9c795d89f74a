"""The Celery app: a `moderation` queue for the risk check, `default` for the rest."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("harbour")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("moderation"))
app.conf.task_default_queue = "default"
app.conf.task_routes = {"moderation.tasks.*": {"queue": "moderation"}}
app.autodiscover_tasks()
