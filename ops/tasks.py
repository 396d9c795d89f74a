"""The workers' heartbeat (see ops.heartbeat): beat sends it to each queue."""

from celery import shared_task

from moderation import pipeline
from ops.heartbeat import heartbeat_write

MODEL_QUEUE = "moderation"


@shared_task(ignore_result=True)
def worker_heartbeat(queue: str):
    """Say this queue's worker is alive; on the moderation queue, also whether the
    risk model gives a verdict (loaded once per process, so this costs one check)."""
    if queue != MODEL_QUEUE:
        heartbeat_write(queue=queue, model_version=None)
        return
    try:
        verdict, _ = pipeline.assess_with_limit("Checking in.")
    except pipeline.CheckFailed as error:
        heartbeat_write(queue=queue, model_version=None, model_error=str(error))
        return
    heartbeat_write(queue=queue, model_version=verdict.model_version)
