"""The services a fault run breaks: its own Redis, the test database's connections.

The suite starts a Redis of its own on a free port, so restarting it disturbs no one
else; PostgreSQL is shared, so only connections to the test database are terminated.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
from django.db import connection

from tests.browser.harness import free_port, wait_for_port

REDIS_SERVER = "/usr/bin/redis-server"


class RedisServer:
    """A throwaway Redis that keeps nothing on disk: a restart loses every key, as a
    crashed production Redis without persistence would."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> "RedisServer":
        self.log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for_port(self.port, self.process)
        return self

    def crash(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def restart(self, down_for: float = 2.0) -> None:
        self.crash()
        time.sleep(down_for)  # long enough for every client to notice
        self.start()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.crash()


def database_connections_terminate() -> int:
    """Terminate every other connection to the test database (and no other database);
    returns how many went."""
    database = connection.settings_dict
    with psycopg.connect(
        dbname=database["NAME"], user=database["USER"], host=database["HOST"],
        port=database["PORT"] or 5432, autocommit=True,
    ) as admin:  # fmt: skip
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return sum(1 for (done,) in rows if done)
