"""Where a post's time goes in the risk check, model excluded, in one process:
`python -m benchmarks.pipeline_stages [POSTS]` with the bench settings.

For each post, timed one after the other: the submitting transaction (`thread_create`
and its commit), the task's message sent to Redis (to a queue no worker reads, emptied
afterwards), the worker's read of the item with its attempt counted, and the decision
(a fixed "publish" verdict: lock, assessment, state, publishing, commit). Prints the
median and the mean of each stage in milliseconds, leaving out the first tenth of the
posts (connections, caches and prepared statements warming up).
"""

import os
import statistics
import sys
import time

import django

django.setup()

import redis  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts.models import User  # noqa: E402
from community.models import Talkabout  # noqa: E402
from community.services.threads import thread_create  # noqa: E402
from moderation import pipeline  # noqa: E402
from moderation import services as moderation_services  # noqa: E402
from moderation.classifier.assessment import Assessment  # noqa: E402
from moderation.tasks import assess_content  # noqa: E402

QUEUE = f"{os.environ.get('CACHE_KEY_PREFIX', 'harbour-bench')}-stages"
VERDICT = Assessment("publish", (), {"safe": 0.9}, (), None, "stages")


def _post_stages(author, talkabout, n, submitted) -> dict[str, float]:
    started = time.perf_counter()
    thread_create(author=author, talkabout=talkabout, title="Load", body=f"A rough day. ({n})")
    committed = time.perf_counter()
    item = submitted[-1]
    label, pk, digest = pipeline.item_label(item), item.pk, pipeline.content_hash(item)
    before_send = time.perf_counter()
    assess_content.apply_async(args=[label, pk, digest], queue=QUEUE)
    sent = time.perf_counter()
    item, attempts = pipeline.item_find_counting(label, pk)
    if pipeline.text_hash(pipeline.handler_for(item).text(item)) != digest or attempts != 1:
        raise RuntimeError(f"post {pk} was not read as submitted")
    read = time.perf_counter()
    if not pipeline.verdict_apply(item, VERDICT, digest=digest, latency_ms=0.0):
        raise RuntimeError(f"post {pk} was not decided")
    decided = time.perf_counter()
    return {
        "submission committed": committed - started,
        "message sent to Redis": sent - before_send,
        "read the item, count the attempt": read - sent,
        "decision committed": decided - read,
    }


def measure(posts: int) -> dict[str, list[float]]:
    talkabout, _ = Talkabout.objects.get_or_create(
        slug="bench-pipeline", defaults={"title": "Pipeline", "description": "Load."}
    )
    run = str(time.time_ns())
    authors = User.objects.bulk_create(
        User(email=f"stages-{run}-{n}@bench.example", handle=f"stages-{run}-{n}")
        for n in range(posts)
    )
    submitted = []
    # Keep the item instead of queueing its check: this process plays the worker.
    moderation_services.assess_send = submitted.append
    stages: dict[str, list[float]] = {}
    try:
        for n, author in enumerate(authors):
            for stage, seconds in _post_stages(author, talkabout, n, submitted).items():
                stages.setdefault(stage, []).append(seconds * 1000)
    finally:
        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(QUEUE)
    return stages


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if not transaction.get_autocommit():
        raise SystemExit("run outside a transaction")
    for stage, values in measure(count).items():
        kept = values[count // 10 :]
        p50, mean = statistics.median(kept), statistics.mean(kept)
        print(f"{stage:34s} p50 {p50:6.2f} ms   mean {mean:6.2f} ms")
