"""Pages: the home page against a constant view, in one server process and one run.

The constant view passes through the same server and middleware, so "vs bare view" is
the share of the framework's own throughput that is left once the page does its work.
"""

from benchmarks.database import database_prepare
from benchmarks.http import Load, server_running, targets_measure, throughput_report, wrk_require
from benchmarks.report import Report

BASELINE = "bare view"
TARGETS = {BASELINE: "/bench/bare/", "home page": "/"}


def run() -> Report:
    """Measure the anonymous home page against the bare view."""
    load = Load.from_env()
    wrk_require()
    database_prepare()
    with server_running() as server:
        rounds = targets_measure(server, TARGETS, load)
    return throughput_report("Pages (uvicorn, anonymous)", rounds, baseline=BASELINE, load=load)
