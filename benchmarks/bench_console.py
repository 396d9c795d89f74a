"""The Wall Guide console under a full queue: the queue page with 10,000 open cases
(p50, p95 and its query count), and "Next case" claimed by 4 guides at once (p95).

Measured in a subprocess with the bench settings (`python -m benchmarks.bench_console
--measure`), in-process: the queue page through Django's test client and every
middleware (session, MFA, idle timeout, access), the claim as the service
`case_claim_next` on four threads, each with its own PostgreSQL connection, as four
guides pressing the button together. Goals: queue page p95 under 150 ms, claim p95
under 20 ms. The seed is kept between runs; claims are handed back after each run.
"""

import json
import random
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from benchmarks import PROJECT_ROOT, BenchmarkError, django_env, env_int
from benchmarks.database import database_prepare
from benchmarks.inprocess import mfa_client, page_timings, percentiles
from benchmarks.report import Report

OPEN_CASES = 10_000
GUIDES = 4


def run() -> Report:
    """Seed 10,000 open cases once, then measure the queue page and concurrent claims."""
    database_prepare()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_console", "--measure"],
        cwd=PROJECT_ROOT, env=django_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BenchmarkError(f"the console benchmark failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [
        [name, str(f["n"]), f"{f['p50']:.2f}", f"{f['p95']:.2f}", str(f.get("queries", ""))]
        for name, f in figures["targets"].items()
    ]
    return Report(
        title=f"Guide console ({figures['open_cases']:,} open cases, in-process)",
        columns=["target", "samples", "p50 ms", "p95 ms", "queries"],
        rows=rows,
        notes=[
            "Goals: queue page p95 under 150 ms; next case p95 under 20 ms with 4 guides.",
            f"Claims: {figures['claimed']} cases claimed, none twice: {figures['distinct']}.",
        ],
    )


# --- In the subprocess. Django is set up only there, so its imports are inside the
# functions: the parent process (`python -m benchmarks`) never loads Django.


def _seed(open_cases: int):
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import User
    from community.models import Post, Talkabout, Thread
    from moderation.classifier.labels import RISK_LABELS
    from moderation.models import CasePriority, HeldReason, ReviewCase, RiskAssessment
    from moderation.states import ModerationState

    talkabout, _ = Talkabout.objects.get_or_create(
        slug="bench-console", defaults={"title": "Console", "description": "For measuring."}
    )
    guides = [
        User.objects.get_or_create(
            email=f"bench-guide-{n}@bench.example",
            defaults={"handle": f"guide-{n}", "role": "guide"},
        )[0]
        for n in range(GUIDES)
    ]
    missing = open_cases - ReviewCase.objects.open().count()
    if missing <= 0:
        return guides
    rng = random.Random(5)
    authors = [
        User.objects.get_or_create(
            email=f"bench-writer-{n}@bench.example", defaults={"handle": f"writer-{n}"}
        )[0]
        for n in range(200)
    ]
    threads = Thread.objects.bulk_create(
        [
            Thread(talkabout=talkabout, author=rng.choice(authors), title=f"Held {n}")
            for n in range(missing // 5 + 1)
        ],
        batch_size=1000,
    )
    now = time.time()
    posts = Post.objects.bulk_create(
        [
            Post(
                thread=threads[n // 5],
                is_opening=n % 5 == 0,
                author=threads[n // 5].author,
                state=ModerationState.HELD,
                body=f"A hard week, number {n}. I can't sleep and " * 3,
            )  # fmt: skip
            for n in range(missing)
        ],
        batch_size=1000,
    )
    post_type = ContentType.objects.get_for_model(Post)
    labels = list(RISK_LABELS)
    assessments = RiskAssessment.objects.bulk_create(
        [
            RiskAssessment(
                content_type=post_type,
                object_id=post.pk,
                content_hash=f"bench-{post.pk}",
                decision="review",
                labels=[rng.choice(labels)],
                scores={label: rng.random() for label in labels},
                model_version="bench",
                latency_ms=5.0,
            )  # fmt: skip
            for post in posts
        ],
        batch_size=1000,
    )
    ReviewCase.objects.bulk_create(
        [
            ReviewCase(
                content_type=post_type,
                object_id=post.pk,
                author_id=post.author_id,
                priority=rng.choices(list(CasePriority), weights=[80, 18, 2])[0],
                reason=HeldReason.AUTO_REVIEW,
                labels=[rng.choice(labels)],
                risk_score=assessment.risk_score,  # as case_open keeps it
                opened_at=datetime.fromtimestamp(now - rng.uniform(0, 4 * 3600), tz=UTC),
            )  # fmt: skip
            for post, assessment in zip(posts, assessments, strict=True)
        ],
        batch_size=1000,
    )
    return guides


def _claims(guides, per_guide: int) -> tuple[list[float], list[int]]:
    from django.db import connection

    from moderation.claims import case_claim_next

    timings, claimed, lock = [], [], threading.Lock()
    start = threading.Barrier(len(guides))

    def press_next(guide):
        start.wait()
        for _ in range(per_guide):
            began = time.perf_counter()
            case = case_claim_next(guide=guide)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                timings.append(elapsed)
                claimed.append(case.pk)
        connection.close()

    workers = [threading.Thread(target=press_next, args=(g,)) for g in guides]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return timings, claimed


def measure() -> dict:
    import django

    django.setup()
    from moderation.models import ReviewCase

    requests = env_int("BENCH_CONSOLE_REQUESTS", 60)
    per_guide = env_int("BENCH_CONSOLE_CLAIMS", 100)
    guides = _seed(OPEN_CASES)
    ReviewCase.objects.open().update(claimed_by=None, claimed_at=None, lease_expires_at=None)
    client = mfa_client(guides[0])
    targets = {
        "queue page, first 50": page_timings(client, "/moderation/cases/", requests),
        "queue page, urgent only": page_timings(client, "/moderation/cases/?priority=3", requests),
        "queue page 100": page_timings(client, "/moderation/cases/?page=100", requests),
    }
    alone, claimed_alone = _claims(guides[:1], per_guide)
    targets["next case, 1 guide"] = percentiles(alone)
    timings, claimed = _claims(guides, per_guide)
    targets[f"next case, {GUIDES} guides at once"] = percentiles(timings)
    claimed += claimed_alone
    ReviewCase.objects.filter(pk__in=claimed).update(
        claimed_by=None, claimed_at=None, lease_expires_at=None
    )
    return {
        "open_cases": ReviewCase.objects.open().count(),
        "targets": targets,
        "claimed": len(claimed),
        "distinct": len(set(claimed)) == len(claimed),  # two guides never got the same case
    }


if __name__ == "__main__" and "--measure" in sys.argv:
    print(json.dumps(measure()))
