"""The pipeline benchmark's worker: the project's Celery app, plus one line per decided
item, written once its task has returned (so after the decision was committed):
`celery -A benchmarks.pipeline_worker worker ...` with BENCH_DECIDED_LOG set.

Each post's latency ends there rather than when its assessment row was built: the
state change, publishing and the commit are part of what a member waits for.
"""

import os
import time

from celery.signals import task_postrun

from config.celery import app  # noqa: F401  (what `celery -A` looks for here)

DECISIONS = {"publish", "review", "escalate"}


@task_postrun.connect
def _decided(task=None, args=None, retval=None, **kwargs):
    if task.name == "moderation.tasks.assess_content" and retval in DECISIONS:
        with open(os.environ["BENCH_DECIDED_LOG"], "a") as log:
            log.write(f"{args[1]} {time.time():.6f}\n")
