"""Helpers for end-to-end tests: a free port, the mail outbox, waiting for a server."""

import email
import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.auth import totp_code

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def asgi_server(log_path: Path, **environ):
    """Run the project's own ASGI server on a free port against the test database,
    with `environ` added to its environment; yields its base URL."""
    database = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        **environ,
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for_port(port, process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_for_port(port: int, process, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing answered on port {port} within {timeout} s")


class Outbox:
    """Mail the server subprocess wrote with Django's file backend."""

    def __init__(self, folder: Path):
        self.folder = folder

    def messages(self) -> list[email.message.Message]:
        found = []
        for path in sorted(self.folder.glob("*.log")):
            for chunk in path.read_text().split("-" * 79):
                if chunk.strip():
                    found.append(email.message_from_string(chunk.strip()))
        return found

    def to(self, address: str) -> list[email.message.Message]:
        return [m for m in self.messages() if address in m.get("To", "")]

    def link_to(self, address: str, pattern: str, timeout: float = 10.0) -> str:
        """The first link matching `pattern` in mail to `address`, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.to(address):
                match = re.search(rf"https?://\S*{pattern}\S*", _body(message))
                if match:
                    return match.group(0)
            time.sleep(0.2)
        raise AssertionError(f"no mail to {address} with a link matching {pattern}")


def _body(message) -> str:
    if message.is_multipart():
        return "\n".join(_body(part) for part in message.get_payload())
    payload = message.get_payload(decode=True)
    return payload.decode() if payload else message.get_payload()


def browser_sign_in(page, base_url: str, user, password: str, totp_secret: str | None = None):
    """Sign in through the real pages, typing a TOTP code when the account has one."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
