"""Submit posts at a steady rate through the forum's own service, then read back how
long each took to be decided: `python -m benchmarks.pipeline_load RATE SECONDS`.

Runs with the bench settings, against a real worker fed by Redis. Prints one JSON
line with the latencies (submit -> decision stored), in milliseconds.
"""

import json
import sys
import time

import django

django.setup()

from accounts.models import User  # noqa: E402
from community.models import Post, Talkabout  # noqa: E402
from community.services.threads import thread_create  # noqa: E402
from moderation.models import RiskAssessment  # noqa: E402

TEXTS = [
    "Had a rough day at work but talking to my sister helped a bit.",
    "Does anyone else find it hard to sleep before exams? Any tips?",
    "I've been feeling really low for weeks and I don't know who to tell.",
    "Thank you all for the kind replies yesterday, it meant a lot to me.",
]


def _authors(count: int, run: str) -> list:
    # One author per post: the member rate limits are not what is measured here.
    return User.objects.bulk_create(
        User(email=f"load-{run}-{n}@bench.example", handle=f"load-{run}-{n}") for n in range(count)
    )


def submit(rate: float, seconds: int) -> list[int]:
    talkabout, _ = Talkabout.objects.get_or_create(
        slug="bench-pipeline", defaults={"title": "Pipeline", "description": "Load."}
    )
    count = int(rate * seconds)
    authors = _authors(count, str(int(time.time())))
    started, ids = time.perf_counter(), []
    for n, author in enumerate(authors):
        time.sleep(max(0.0, started + n / rate - time.perf_counter()))
        text = f"{TEXTS[n % len(TEXTS)]} ({n})"
        thread = thread_create(author=author, talkabout=talkabout, title="Load", body=text)
        ids.append(thread.posts.get().pk)
    return ids


def latencies(ids: list[int], timeout: float = 120.0) -> list[float]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        decided = RiskAssessment.objects.filter(object_id__in=ids).count()
        if decided >= len(ids):
            break
        time.sleep(0.5)
    submitted = dict(Post.objects.filter(pk__in=ids).values_list("pk", "created_at"))
    done = RiskAssessment.objects.filter(object_id__in=ids).values_list("object_id", "created_at")
    return [(at - submitted[pk]).total_seconds() * 1000 for pk, at in done]


if __name__ == "__main__":
    rate, seconds = float(sys.argv[1]), int(sys.argv[2])
    ids = submit(rate, seconds)
    measured = latencies(ids)
    print(json.dumps({"submitted": len(ids), "decided": len(measured), "latencies_ms": measured}))
