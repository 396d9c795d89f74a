"""HTTP benchmarks: the ASGI server under test, wrk to load it, and the comparison table.

Every target of one benchmark is measured against the same server process in the same
run, rounds interleaved, so the figures drift together and their ratios stay meaningful
on a small, noisy machine.
"""

import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import PROJECT_ROOT, BenchmarkError, django_env, env_int
from benchmarks.report import Report

HOST = "127.0.0.1"
SERVER_START_SECONDS = 30
SERVER_STOP_SECONDS = 10
SERVER_LOG_LINES_SHOWN = 20
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True)
class Load:
    """How hard and how long to drive each target; every knob is an environment variable."""

    seconds: int
    rounds: int
    warmup_seconds: int
    connections: int
    threads: int

    @classmethod
    def from_env(cls) -> "Load":
        """The knobs BENCH_SECONDS, BENCH_ROUNDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS
        and BENCH_THREADS, with the full-length defaults."""
        # One wrk thread and 8 connections: on 2 cores wrk keeps one, the server the other.
        return cls(
            seconds=env_int("BENCH_SECONDS", 10),
            rounds=env_int("BENCH_ROUNDS", 3),
            warmup_seconds=env_int("BENCH_WARMUP_SECONDS", 2, minimum=0),
            connections=env_int("BENCH_CONNECTIONS", 8),
            threads=env_int("BENCH_THREADS", 1),
        )

    def describe(self) -> str:
        """One line saying how the figures were taken."""
        return (
            f"Median of {self.rounds} x {self.seconds} s per target, rounds interleaved, "
            f"after {self.warmup_seconds} s warm-up; wrk: {self.threads} thread(s), "
            f"{self.connections} connections."
        )


@dataclass(frozen=True)
class Server:
    """A running server under test, reachable on 127.0.0.1 only."""

    port: int

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return f"http://{HOST}:{self.port}{path}"


@dataclass(frozen=True)
class Round:
    """One wrk run against one target."""

    requests_per_second: float
    p50_us: float
    p95_us: float
    requests: int
    non_200: int
    socket_errors: int


def wrk_require() -> str:
    """The path of wrk, or a message saying how to get it."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchmarkError("wrk is not installed. Run `make bench`, which installs it.")
    return wrk


@contextmanager
def server_running(ready_path: str = "/bench/bare/") -> Iterator[Server]:
    """Run the ASGI app under uvicorn with the bench settings; always stop it on the way out."""
    server = Server(port=_free_port())
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            _server_command(server.port),
            cwd=PROJECT_ROOT,
            env=django_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session: Ctrl-C reaches only the harness, which then stops it in order.
            start_new_session=True,
        )
        try:
            _wait_until_answering(server, process, log, ready_path)
            yield server
        finally:
            _stop(process)
            _show_log(log)


def _server_command(port: int) -> list[str]:
    return [
        *(sys.executable, "-m", "uvicorn", "config.asgi:application"),
        *("--host", HOST, "--port", str(port)),
        *("--no-access-log", "--log-level", "warning"),
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_until_answering(server, process, log, path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(f"The server exited with {process.returncode}:\n{_tail(log)}")
        try:
            status_of(server, path)
            return
        except OSError:
            time.sleep(0.2)
    raise BenchmarkError(f"The server did not answer in {SERVER_START_SECONDS} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SERVER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _tail(log, lines: int = SERVER_LOG_LINES_SHOWN) -> str:
    log.seek(0)
    return "".join(log.readlines()[-lines:])


def _show_log(log) -> None:
    # Warnings only (--log-level warning, LOG_LEVEL=WARNING): worth seeing, but never a flood.
    log.seek(0)
    lines = log.readlines()
    if not lines:
        return
    shown = "".join(f"  server: {line}" for line in lines[:SERVER_LOG_LINES_SHOWN])
    hidden = len(lines) - SERVER_LOG_LINES_SHOWN
    more = f"  server: ... {hidden} more lines\n" if hidden > 0 else ""
    print(f"Server log ({len(lines)} lines):\n{shown}{more}", end="", file=sys.stderr)


def status_of(server: Server, path: str, headers: dict | None = None) -> int:
    """The status of one GET, straight to 127.0.0.1 (no proxy from the environment)."""
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


def wrk_round(
    wrk: str, url: str, *, seconds: int, load: Load, headers: dict | None = None
) -> Round:
    """Drive one URL for some seconds; wrk_report.lua prints the figures as JSON."""
    command = [
        *(wrk, "--threads", str(load.threads), "--connections", str(load.connections)),
        *(arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")),
        *("--duration", f"{seconds}s", "--script", str(WRK_SCRIPT), url),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=seconds + 60
    )
    figures = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not figures:
        raise BenchmarkError(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    return _round_from(json.loads(figures[-1]))


def _round_from(figures: dict) -> Round:
    socket_errors = sum(
        figures[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    return Round(
        requests_per_second=figures["requests_per_second"],
        p50_us=figures["p50_us"],
        p95_us=figures["p95_us"],
        requests=int(figures["requests"]),
        non_200=int(figures["non_200"]),
        socket_errors=int(socket_errors),
    )


def _check_round(name: str, measured: Round) -> None:
    # A page that answers 404 or 302 is fast; its figures must never pass as the page's.
    if measured.non_200 or measured.socket_errors:
        raise BenchmarkError(
            f"{name}: {measured.non_200} of {measured.requests} responses were not 200 "
            f"and {measured.socket_errors} requests failed at the socket; no valid figures."
        )


def targets_measure(
    server: Server, targets: dict[str, str], load: Load, headers: dict | None = None
) -> dict[str, list[Round]]:
    """Check each target answers 200, warm them all up, then measure them in turns.

    `headers` go with every request (a session cookie, to measure a signed-in reader).
    """
    wrk = wrk_require()
    _targets_check(server, targets, headers)
    if load.warmup_seconds:
        for name, path in targets.items():
            warm_up = wrk_round(
                wrk, server.url(path), seconds=load.warmup_seconds, load=load, headers=headers
            )
            _check_round(name, warm_up)
    rounds = {name: [] for name in targets}
    for number in range(1, load.rounds + 1):
        # Interleaved, so drift in the machine's speed touches every target alike.
        for name, path in targets.items():
            measured = wrk_round(
                wrk, server.url(path), seconds=load.seconds, load=load, headers=headers
            )
            _check_round(name, measured)
            rounds[name].append(measured)
            _progress(f"{name}, round {number}/{load.rounds}: {measured.requests_per_second:.0f}")
    return rounds


def _targets_check(server: Server, targets: dict[str, str], headers: dict | None) -> None:
    for name, path in targets.items():
        status = status_of(server, path, headers)
        if status != 200:
            raise BenchmarkError(f"{name} ({path}) answered {status}, not 200; not measured.")


def _progress(message: str) -> None:
    print(f"  {message} req/s", file=sys.stderr, flush=True)


def throughput_report(
    title: str, rounds: dict[str, list[Round]], *, baseline: str, load: Load
) -> Report:
    """Median req/s and latencies per target, and throughput as a share of the baseline's."""
    baseline_rps = _median(rounds[baseline], "requests_per_second")
    rows = [
        _throughput_row(name, measured, baseline, baseline_rps) for name, measured in rounds.items()
    ]
    notes = [load.describe()]
    notes += [_rounds_note(name, measured) for name, measured in rounds.items()]
    notes += [
        _cost_note(name, measured, baseline, baseline_rps)
        for name, measured in rounds.items()
        if name != baseline
    ]
    return Report(
        title=title,
        columns=["target", "req/s (median)", "p50 ms", "p95 ms", f"vs {baseline}"],
        rows=rows,
        notes=notes,
    )


def _throughput_row(name, measured, baseline, baseline_rps) -> list[str]:
    rps = _median(measured, "requests_per_second")
    share = "" if name == baseline else f"{rps / baseline_rps:.0%}"
    return [
        name,
        f"{rps:.0f}",
        f"{_median(measured, 'p50_us') / 1000:.2f}",
        f"{_median(measured, 'p95_us') / 1000:.2f}",
        share,
    ]


def _rounds_note(name: str, measured: list[Round]) -> str:
    each = ", ".join(f"{one.requests_per_second:.0f}" for one in measured)
    return f"{name}: req/s per round {each}"


def _cost_note(name, measured, baseline, baseline_rps) -> str:
    # The server is saturated, so 1 / throughput is the time it spends per request; the
    # difference from the baseline is what the page's own work costs.
    extra_ms = 1000 / _median(measured, "requests_per_second") - 1000 / baseline_rps
    return f"{name}: {extra_ms:+.2f} ms per request over {baseline} (1 / req/s, saturated)"


def _median(measured: list[Round], figure: str) -> float:
    return statistics.median(getattr(one, figure) for one in measured)
