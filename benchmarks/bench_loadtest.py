"""The load test: the whole stack under a realistic mix, with locust (headless).

uvicorn (config.asgi, one process, chat checks in-process), a Celery worker with beat
(prefork, one process, the real risk model), PostgreSQL and Redis, seeded by
benchmarks/loadtest/seed.py, then benchmarks/loadtest/locustfile.py for
BENCH_LOADTEST_SECONDS (60): members reading, replying, starting threads and hugging,
chatters over the WebSocket, two guides working the queue. Its own database
(harbour_bench_load) and Redis database (7, prefix hb-load). The run waits for /readyz
before the load starts, and reads /metrics when it ends.
"""

import csv
import http.client
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks import PROJECT_ROOT, BenchmarkError, django_env, env_int
from benchmarks.database import database_prepare
from benchmarks.http import HOST, server_running
from benchmarks.report import Report

METRICS_TOKEN = "loadtest-metrics"  # noqa: S105 - a scratch server on 127.0.0.1
ENVIRONMENT = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/harbour_bench_load",
    "REDIS_URL": "redis://127.0.0.1:6379/7",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/7",
    "CACHE_KEY_PREFIX": "hb-load",
    "CHANNELS_PREFIX": "hb-load:asgi",
}
SERVER_AND_WORKER = {
    # Members here act far more often than real ones: lift the per-member limits.
    "HARBOUR_THREADS_PER_HOUR": "100000",
    "HARBOUR_REPLIES_PER_HOUR": "100000",
    "HARBOUR_HUGS_PER_HOUR": "100000",
    "HARBOUR_CHAT_BURST": "1000",
    "HARBOUR_CHAT_PER_MINUTE": "100000",
    "HARBOUR_HEARTBEAT_SECONDS": "2",
    "HARBOUR_HEARTBEAT_MAX_AGE_SECONDS": "10",
    "HARBOUR_METRICS_TOKEN": METRICS_TOKEN,
    "HARBOUR_TORCH_THREADS": "1",
}
READY_SECONDS = 180
LOCUSTFILE = Path(__file__).parent / "loadtest" / "locustfile.py"


def run() -> Report:
    """Seed, start the worker and the server, wait until ready, load, report."""
    seconds = env_int("BENCH_LOADTEST_SECONDS", 60)
    users = env_int("BENCH_LOADTEST_USERS", 20)
    for name, value in ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    os.environ.update(SERVER_AND_WORKER)
    database_prepare()
    with tempfile.TemporaryDirectory(prefix="harbour-load-") as folder:
        folder = Path(folder)
        seed = folder / "seed.json"
        seed.write_text(_seed())
        with _worker(folder / "worker.log"), server_running(ready_path="/healthz") as server:
            _wait_ready(server, folder / "worker.log")
            before = _metrics(server)
            _locust(server.url(""), seed, folder / "run", users, seconds)
            after = _metrics(server)
        rows = _rows(folder / "run_stats.csv")
    return _report(rows, users, seconds, before, after)


def _seed() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.loadtest.seed"],
        cwd=PROJECT_ROOT, env=django_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BenchmarkError(f"seeding failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1]


@contextmanager
def _worker(log_path: Path):
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-B",
             "-s", str(log_path.with_suffix(".schedule")), "-Q", "moderation,default",
             "--concurrency", "1", "--pool", "prefork", "--without-gossip",
             "--without-mingle", "--loglevel", "WARNING"],
            cwd=PROJECT_ROOT, env=django_env(), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _get(server, path: str, headers: dict | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def _wait_ready(server, worker_log: Path) -> None:
    deadline, body = time.monotonic() + READY_SECONDS, ""
    while time.monotonic() < deadline:
        try:
            status, body = _get(server, "/readyz")
            if status == 200:
                return
        except OSError as error:
            body = str(error)
        time.sleep(1)
    raise BenchmarkError(
        f"/readyz did not turn 200 in {READY_SECONDS} s: {body}\n{worker_log.read_text()[-2000:]}"
    )


def _metrics(server) -> dict[str, float]:
    status, text = _get(server, "/metrics", {"Authorization": f"Bearer {METRICS_TOKEN}"})
    if status != 200:
        raise BenchmarkError(f"/metrics answered {status}")
    figures = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            figures[name] = float(value)
    return figures


def _locust(host, seed, prefix, users, seconds) -> None:
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE),
        "--headless", "--host", host, "--users", str(users), "--spawn-rate", str(users),
        "--run-time", f"{seconds}s", "--csv", str(prefix), "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, env={**os.environ, "LOADTEST_SEED": str(seed)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    print(done.stderr[-4000:], file=sys.stderr)
    if not Path(f"{prefix}_stats.csv").exists():
        raise BenchmarkError(f"locust wrote no figures (exit {done.returncode})")


def _rows(path: Path) -> list[dict]:
    with path.open() as table:
        return list(csv.DictReader(table))


def _report(rows, users, seconds, before, after) -> Report:
    cells = [
        [
            "all endpoints" if row["Name"] == "Aggregated" else row["Name"],
            row["Type"],
            row["Request Count"],
            row["Failure Count"],
            f"{float(row['Requests/s']):.1f}",
            row["50%"],
            row["95%"],
        ]  # fmt: skip
        for row in rows
    ]
    depth = "harbour_review_queue_depth"
    pending = 'harbour_moderation_pending_items{kind="community.post"}'
    return Report(
        title=f"Load test: {users} users for {seconds} s (locust, headless)",
        columns=["endpoint", "type", "requests", "failures", "req/s", "p50 ms", "p95 ms"],
        rows=cells,
        notes=[
            "Users: 2 guides; the rest members and chatters, 12 to 4 (wait 1-3 s, 2-5 s).",
            f"Open cases {before.get(depth, 0):.0f} before, {after.get(depth, 0):.0f} after; "
            f"posts waiting for the check at the end: {after.get(pending, 0):.0f}; "
            "15% of texts written are meant to be held (contact details or risk).",
        ],
    )
