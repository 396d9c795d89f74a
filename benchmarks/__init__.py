"""Harbour's benchmarks: `make bench` (or `python -m benchmarks [name ...]`) runs them all.

A benchmark is a module `bench_<name>.py` in this package with a `run()` function that
returns a `benchmarks.report.Report`; `__main__` finds it by that name alone. Anything
the reader must act on (a missing tool, a page that is not 200) is a `BenchmarkError`.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "config.settings.bench"


class BenchmarkError(Exception):
    """A benchmark could not produce valid figures; the message says what to do."""


def django_env() -> dict[str, str]:
    """The environment for Django subprocesses (manage.py, the server): bench settings."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE}


def env_int(name: str, default: int, *, minimum: int = 1) -> int:
    """An integer knob from the environment, refused with a plain message when invalid."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BenchmarkError(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise BenchmarkError(f"{name}={value} is too small; use {minimum} or more.")
    return value
