"""A real Celery worker (prefork, one process) as a subprocess, against the test database.

It runs the beat scheduler too (-B), with short sweep and re-check intervals, so
tests see the sweeper and the re-check at work; without it (beat=False) only the
broker can bring a lost message back. Killed by PID with SIGKILL when a test wants
a crash: the whole worker, or only its pool process.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from kombu import pools

from config.celery import app as celery_app

READY_WORDS = "ready."


class Worker:
    def __init__(self, log_path: Path, *, beat: bool = True, **env):
        self.log_path = log_path
        self.beat = beat
        self.env = env
        self.process = None

    def start(self, timeout: float = 120.0) -> "Worker":
        database = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "HARBOUR_RISK_DISPATCH": "on_commit",
            "HARBOUR_RISK_BACKEND": "moderation.backends.ClassifierBackend",
            "HARBOUR_SWEEP_SECONDS": "1",
            "HARBOUR_RECHECK_SECONDS": "2",
            "HARBOUR_RISK_PENDING_GRACE": "3",
            "HARBOUR_RISK_RETRY_DELAYS": "0.2,0.2",
            **self.env,
        }
        self.log = self.log_path.open("a")
        schedule = self.log_path.with_suffix(".schedule")
        beat = ["-B", "-s", str(schedule)] if self.beat else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", *beat,
             "-Q", "moderation,default", "--concurrency", "1", "--pool", "prefork",
             "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
            cwd=settings.BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.log_path.read_text()[-3000:]}")
            if READY_WORDS in self.log_path.read_text():
                return
            time.sleep(0.2)
        raise TimeoutError(f"worker not ready:\n{self.log_path.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and its pool child), as a crash would."""
        for pid in _family(self.process.pid):
            os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def pool_process_kill(self) -> None:
        """SIGKILL the pool process only, as the kernel's OOM killer would; the worker
        stays up and starts another. Needs beat=False: beat is a child process too."""
        assert not self.beat
        for pid in _family(self.process.pid)[:-1]:
            os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self.log.close()


def _family(pid: int) -> list[int]:
    """The process and its children (the prefork pool and beat)."""
    children = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    return [int(child) for child in children] + [pid]


def wait_until(check, timeout: float = 60.0, every: float = 0.2):
    """Poll `check()` until it returns something truthy; return it, or fail after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"gave up waiting after {timeout} s")


def broker_switch(url: str) -> None:
    """Point this process's sends at another broker: close every connection to the old
    one first (kombu keeps its pools, closed ones too, by URL: a pool closed here and
    looked up again by the old URL refused every later send in the test session)."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.conf.broker_url = url
