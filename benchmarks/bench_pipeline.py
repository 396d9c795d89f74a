"""The risk check: raw model inference, and submit -> decision through Redis and a real
worker at a steady 10 posts/s, with the overhead over raw inference as a ratio."""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import PROJECT_ROOT, BenchmarkError, django_env, env_int
from benchmarks.database import database_prepare
from benchmarks.report import Report

RATE = 10
WORKER_THREADS = "1"
DECIDED_LOG = PROJECT_ROOT / "var" / "bench-pipeline-decided.log"


def _json_from(command: list[str], env: dict, timeout: int) -> dict:
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise BenchmarkError(f"{' '.join(command[2:])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _inference(threads: int) -> dict:
    command = [sys.executable, "-m", "benchmarks.inference", str(threads)]
    return _json_from(command, dict(os.environ), timeout=600)


def _worker(log: Path) -> subprocess.Popen:
    env = {**_env(), "HARBOUR_TORCH_THREADS": WORKER_THREADS, "LOG_LEVEL": "INFO"}
    # As scripts/serve's worker: one prefork process, one message at a time (the settings'
    # prefetch multiplier of 1 and Celery's default "fair" scheduling).
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "benchmarks.pipeline_worker", "worker",
         "-Q", "moderation,default", "--pool", "prefork", "--concurrency", "1",
         "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while "risk classifier" not in log.read_text():  # the warm-up logs the model's load
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise BenchmarkError(f"the worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    return process


def _env() -> dict[str, str]:
    return {**django_env(), "BENCH_DECIDED_LOG": str(DECIDED_LOG)}


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run() -> Report:
    """Raw inference on 1 and 2 threads, then the pipeline end to end."""
    raw = [_inference(threads) for threads in (1, 2)]
    seconds = env_int("BENCH_PIPELINE_SECONDS", 60)
    database_prepare()
    log = Path(PROJECT_ROOT / "var" / "bench-worker.log")
    log.parent.mkdir(exist_ok=True)
    DECIDED_LOG.unlink(missing_ok=True)
    worker = _worker(log)
    try:
        command = [sys.executable, "-m", "benchmarks.pipeline_load", str(RATE), str(seconds)]
        load = _json_from(command, _env(), timeout=seconds + 300)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    return _report(raw, load, seconds)


def _report(raw: list[dict], load: dict, seconds: int) -> Report:
    latencies = load["latencies_ms"]
    if load["decided"] < load["submitted"]:
        raise BenchmarkError(f"only {load['decided']} of {load['submitted']} posts were decided")
    p50, p95 = statistics.median(latencies), _percentile(latencies, 0.95)
    inside = load["inference_ms"]
    inside_p50 = statistics.median(inside)
    single = {r["threads"]: r for r in raw}
    rows = [
        [f"raw inference, {r['threads']} thread(s)", f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}",
         f"{r['batch_posts_per_s']:.0f}", ""]
        for r in raw
    ]  # fmt: skip
    worker = single[int(WORKER_THREADS)]
    ratio, paced_ratio = p50 / worker["p50_ms"], p50 / worker["paced_p50_ms"]
    rows.append(
        [f"raw inference, {WORKER_THREADS} thread(s), {RATE} posts/s",
         f"{worker['paced_p50_ms']:.1f}", f"{worker['paced_p95_ms']:.1f}", "", ""]
    )  # fmt: skip
    rows.append(
        ["inference inside the worker", f"{inside_p50:.1f}", f"{_percentile(inside, 0.95):.1f}",
         "", ""]
    )  # fmt: skip
    to_task = load["to_task_ms"]
    rows.append(
        ["submit -> task begins", f"{statistics.median(to_task):.1f}",
         f"{_percentile(to_task, 0.95):.1f}", "", ""]
    )  # fmt: skip
    from_commit = load["from_commit_ms"]
    rows.append(
        ["submission committed -> decision", f"{statistics.median(from_commit):.1f}",
         f"{_percentile(from_commit, 0.95):.1f}", "", ""]
    )  # fmt: skip
    end_to_end = f"submit -> decision at {RATE}/s"
    rows.append([end_to_end, f"{p50:.1f}", f"{p95:.1f}", "", f"{ratio:.2f}x"])
    notes = [
        f"End to end: {load['submitted']} posts over {seconds} s through the forum's service, "
        f"Redis and one prefork worker on {WORKER_THREADS} torch thread(s); latency is from the "
        "post's creation (so the submission's own commit counts) to the end of its check's "
        "task, after the decision was committed.",
        "Overhead is end-to-end p50 over raw single-post p50 on the worker's thread count; "
        f"everything but the model takes {p50 - inside_p50:.1f} ms of a post's p50.",
        f"Over raw inference at the same pace ({RATE} posts/s, idle in between, as the worker "
        f"is) the overhead is {paced_ratio:.2f}x.",
        f"Model load: {single[1]['load_s']} s (1 thread), {single[2]['load_s']} s (2 threads).",
        "Goals: end-to-end p95 under 300 ms; overhead under 1.5x at p50.",
    ]
    columns = ["measure", "p50 ms", "p95 ms", "batch-32 posts/s", "vs raw p50"]
    return Report("Risk check (MiniLM + head)", columns, rows, notes)
