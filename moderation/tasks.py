"""Celery tasks for the risk check: thin, idempotent, carrying ids and a hash.

`assess_content` runs on the `moderation` queue, late-acknowledged so a worker
killed mid-task leaves the message to be delivered again; the sweeper re-sends
whatever still waits after a grace period, so a lost message delays a decision
but never drops it.
"""

import logging
from datetime import timedelta

from celery import current_app, shared_task
from celery.signals import worker_process_init
from django.conf import settings
from django.utils import timezone

from moderation import pipeline
from moderation.models import CaseState, HeldReason, ReviewCase
from moderation.registry import registered_models
from moderation.states import ModerationState

log = logging.getLogger(__name__)

QUEUE = "moderation"


@worker_process_init.connect
def _warm_the_model(**kwargs):
    # Load the model in each pool process after fork (torch must not cross a fork),
    # before the first post arrives, so no member waits for the load. A pool process
    # runs one task at a time in its main thread: the time limit can be an alarm there.
    pipeline.time_limit_by_alarm()
    try:
        pipeline.risk_backend().assess(["Warming up."])
    except Exception:  # the first task will fail closed and hold; say why in the log
        log.exception("the risk model could not be loaded; items will be held until it can")


# The hard time limit is a last resort, for a task stuck where the alarm cannot reach
# it: the pool process is replaced, the message acknowledged, the sweeper re-sends it.
@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
    time_limit=settings.HARBOUR_RISK_TIME_LIMIT + 60,
)
def assess_content(self, label: str, pk: int, digest: str):
    """Check one revision of an item and act on the verdict; nothing if it is stale."""
    item, attempts = pipeline.item_find_counting(label, pk)
    if item is None or item.state != ModerationState.PENDING or attempts is None:
        return "gone"
    text = pipeline.handler_for(item).text(item)
    if pipeline.text_hash(text) != digest:
        pipeline.attempt_uncount(item)
        return "stale"
    if attempts > settings.HARBOUR_RISK_MAX_ATTEMPTS:
        pipeline.check_unavailable(item, why="too many attempts")
        return "unavailable"
    try:
        verdict, latency_ms = pipeline.assess_with_limit(text)
    except pipeline.CheckFailed as error:
        return _failed(self, item, error)
    pipeline.verdict_apply(item, verdict, digest=digest, latency_ms=latency_ms)
    return verdict.decision


def _failed(task, item, error):
    delays = settings.HARBOUR_RISK_RETRY_DELAYS
    if task.request.retries >= len(delays) or task.request.is_eager:
        pipeline.check_unavailable(item, why=str(error))
        return "unavailable"
    log.warning("risk check failed for %s, retrying: %s", item.pk, error)
    raise task.retry(countdown=delays[task.request.retries], exc=error)


@shared_task
def pending_sweep():
    """Re-send items still PENDING after the grace period, oldest first: as many as
    the broker's queue is short of them. Each may still have its message queued, so
    only a queue shorter than the list shows lost messages (a restarted broker, a
    worker killed mid-check); re-sending everything on every sweep instead grew a
    backlog after an outage faster than a worker could work through it."""
    cutoff = timezone.now() - timedelta(seconds=settings.HARBOUR_RISK_PENDING_GRACE)
    waiting = _pending_before(cutoff)
    missing = len(waiting) - _checks_queued()
    sent = 0
    for _since, model, pk in waiting[: max(missing, 0)]:
        item = model.objects.filter(pk=pk).first()
        if item is not None:
            assess_send(item)
            sent += 1
    return sent


def _pending_before(cutoff) -> list[tuple]:
    """(pending since, model, pk) of every item PENDING since before `cutoff`, oldest first."""
    found = []
    for model in registered_models():
        rows = model.objects.filter(state=ModerationState.PENDING, pending_since__lt=cutoff)
        found += [(since, model, pk) for since, pk in rows.values_list("pending_since", "pk")]
    return sorted(found, key=lambda row: row[0])


def _checks_queued() -> int:
    """How many checks wait in the broker's moderation queue (0 if it cannot tell)."""
    if current_app.conf.task_always_eager:
        return 0  # no broker: tasks run where they are sent
    try:
        with current_app.connection_for_read() as connection:
            declared = connection.default_channel.queue_declare(
                queue=QUEUE, passive=True
            )  # fmt: skip
    except Exception:  # the broker is down or forgot the queue: send, as the safe side
        return 0
    return declared.message_count


@shared_task
def unavailable_recheck():
    """Check again the items held only because the check could not run."""
    cases = ReviewCase.objects.filter(
        state=CaseState.OPEN, reason=HeldReason.AUTO_CHECK_UNAVAILABLE
    ).select_related("content_type")
    sent = 0
    for case in cases.iterator():
        item = case.item
        if item is not None and pipeline.recheck_prepare(item):
            assess_send(type(item).objects.get(pk=item.pk))
            sent += 1
    return sent


def assess_send(item) -> None:
    """Queue the check of the item's newest revision. If the broker is down the item
    just waits PENDING: the sweeper sends it again, so nothing is lost."""
    try:
        assess_content.apply_async(
            args=[pipeline.item_label(item), item.pk, pipeline.content_hash(item)],
            queue=QUEUE,
            retry_policy={"max_retries": 2, "interval_start": 0.1, "interval_step": 0.2},
        )
    except Exception:  # the member's submission is safe either way: never fail it here
        log.exception("could not queue the risk check of %s %s", type(item).__name__, item.pk)
