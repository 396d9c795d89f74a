"""Buddy matching at scale: 100,000 waiting members through the matching core.

Goal: under 60 s and under 2 GB. The members are synthetic (ages 16-70, one to four
of 14 interests, five time zones, one to three buddies wanted); no database is
involved, since the core is what grows with the number of members.
"""

import random
import resource
import time

from benchmarks.report import Report
from chat.matching import Waiting, propose

MEMBERS = 100_000


def _waiting(rng) -> list[Waiting]:
    return [
        Waiting(
            id=number,
            age=rng.randint(16, 70),
            interests=sum(1 << bit for bit in rng.sample(range(14), rng.randint(1, 4))),
            utc_offset_minutes=rng.choice([-300, 0, 60, 330, 600]),
            support=rng.choice(["listening", "routine", "company", "hard_time"]),
            age_min=16,
            age_max=99,
            places=rng.randint(1, 3),
        )  # fmt: skip
        for number in range(MEMBERS)
    ]


def run() -> Report:
    members = _waiting(random.Random(6))
    started = time.perf_counter()
    pairs = propose(members, set(), max_gap=5)
    took = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return Report(
        title="Buddy matching (chat/matching.py)",
        columns=["members", "pairs proposed", "seconds", "peak memory (MB)"],
        rows=[[f"{MEMBERS:,}", f"{len(pairs):,}", f"{took:.1f}", str(peak_mb)]],
        notes=["goal: under 60 s and under 2,048 MB; peak memory is the whole process's"],
    )
