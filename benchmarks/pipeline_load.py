"""Submit posts at a steady rate through the forum's own service, then read back how
long each took to be decided: `python -m benchmarks.pipeline_load RATE SECONDS`.

Runs with the bench settings, against a real worker fed by Redis that notes in
BENCH_DECIDED_LOG when each decision was committed (benchmarks/pipeline_worker.py).
Prints one JSON line with the latencies (the post's creation -> its decision
committed; -> its task began; its submission committed -> its decision committed)
and the inference times the worker stored, in milliseconds.
"""

import json
import os
import sys
import time
from pathlib import Path

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402

from accounts.models import User  # noqa: E402
from benchmarks.pipeline_posts import TITLE, post_body  # noqa: E402
from community.models import Post, Talkabout  # noqa: E402
from community.services.threads import thread_create  # noqa: E402
from moderation.models import RiskAssessment  # noqa: E402


def _authors(count: int, run: str) -> list:
    # One author per post: the member rate limits are not what is measured here.
    return User.objects.bulk_create(
        User(email=f"load-{run}-{n}@bench.example", handle=f"load-{run}-{n}") for n in range(count)
    )


def submit(rate: float, seconds: int) -> dict[int, float]:
    """Post ids, each with when its submission had committed and its check was sent."""
    talkabout, _ = Talkabout.objects.get_or_create(
        slug="bench-pipeline", defaults={"title": "Pipeline", "description": "Load."}
    )
    count = int(rate * seconds)
    authors = _authors(count, str(int(time.time())))
    started, committed = time.perf_counter(), {}
    for n, author in enumerate(authors):
        time.sleep(max(0.0, started + n / rate - time.perf_counter()))
        thread = thread_create(author=author, talkabout=talkabout, title=TITLE, body=post_body(n))
        at = time.time()
        committed[thread.posts.get().pk] = at
    return committed


def decided_at(ids: list[int], log: Path, timeout: float = 120.0) -> dict[int, tuple]:
    """When each post's decision was committed and when its task began (epoch seconds),
    as the worker noted them."""
    wanted, deadline = set(ids), time.monotonic() + timeout
    while True:
        done = {}
        for line in log.read_text().splitlines() if log.exists() else []:
            pk, at, began = line.split()
            done.setdefault(int(pk), (float(at), float(began)))
        if wanted <= done.keys() or time.monotonic() > deadline:
            return {pk: times for pk, times in done.items() if pk in wanted}
        time.sleep(0.5)


def latencies(committed: dict[int, float], log: Path) -> dict[str, list[float]]:
    """Per post, in ms: its creation -> decision committed, creation -> its task began,
    and its submission committed -> decision committed."""
    done = decided_at(list(committed), log)
    submitted = dict(Post.objects.filter(pk__in=committed).values_list("pk", "created_at"))
    created = {pk: submitted[pk].timestamp() for pk in done}
    return {
        "latencies_ms": [(at - created[pk]) * 1000 for pk, (at, _) in done.items()],
        "to_task_ms": [(began - created[pk]) * 1000 for pk, (_, began) in done.items()],
        "from_commit_ms": [(at - committed[pk]) * 1000 for pk, (at, _) in done.items()],
    }


def inference_ms(ids: list[int]) -> list[float]:
    """The model's time inside the worker, as each stored assessment records it."""
    assessments = RiskAssessment.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id__in=ids
    )
    return list(assessments.values_list("latency_ms", flat=True))


if __name__ == "__main__":
    rate, seconds = float(sys.argv[1]), int(sys.argv[2])
    committed = submit(rate, seconds)
    measured = latencies(committed, Path(os.environ["BENCH_DECIDED_LOG"]))
    print(
        json.dumps(
            {
                "submitted": len(committed),
                "decided": len(measured["latencies_ms"]),
                **measured,
                "inference_ms": inference_ms(list(committed)),
            }
        )
    )
