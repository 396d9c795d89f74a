"""Forum pages for a signed-in member: a thread with 50 replies and the Talkabout list,
against the bare view, in one server process and one run."""

import json
import subprocess
import sys

from benchmarks import PROJECT_ROOT, BenchmarkError, django_env
from benchmarks.database import database_prepare
from benchmarks.http import Load, server_running, targets_measure, throughput_report, wrk_require
from benchmarks.report import Report

BASELINE = "bare view"


def _seed() -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.seed_forum"],
        cwd=PROJECT_ROOT, env=django_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BenchmarkError(f"seeding the forum failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> Report:
    """Measure the thread page (50 replies) and the Talkabout list as a signed-in member."""
    load = Load.from_env()
    wrk_require()
    database_prepare()
    seeded = _seed()
    targets = {
        BASELINE: "/bench/bare/",
        "thread, 50 replies": f"/threads/{seeded['thread']}/",
        "Talkabout list": "/talkabouts/",
    }
    with server_running() as server:
        rounds = targets_measure(server, targets, load, headers={"Cookie": seeded["cookie"]})
    title = "Forum (uvicorn, signed-in member)"
    return throughput_report(title, rounds, baseline=BASELINE, load=load)
