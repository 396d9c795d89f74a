"""The pipeline benchmark's worker: the project's Celery app, plus one line per decided
item (its id, when its task returned, so after the decision was committed, and when
its task began), written once its task has returned:
`celery -A benchmarks.pipeline_worker worker ...` with BENCH_DECIDED_LOG set.

Each post's latency ends there rather than when its assessment row was built: the
state change, publishing and the commit are part of what a member waits for.
"""

import os
import time

from celery.signals import task_postrun, task_prerun

DECISIONS = {"publish", "review", "escalate"}


_started: dict[str, float] = {}


@task_prerun.connect
def _started_at(task_id=None, **kwargs):
    _started[task_id] = time.time()


@task_postrun.connect
def _decided(task=None, task_id=None, args=None, retval=None, **kwargs):
    started = _started.pop(task_id, None)
    if task.name == "moderation.tasks.assess_content" and retval in DECISIONS:
        with open(os.environ["BENCH_DECIDED_LOG"], "a") as log:
            log.write(f"{args[1]} {time.time():.6f} {started:.6f}\n")


# Imported after the notes above are connected, so that they run before the app's own
# task_postrun receiver (config/celery.py gives the connection back to the pool after
# each task): the note is taken when the task has returned, not after that.
from config.celery import app  # noqa: E402, F401  (what `celery -A` looks for here)
