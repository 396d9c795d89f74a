"""The embedded default: no environment at all, and Harbour still starts and serves."""

import os
import subprocess
import sys
import urllib.request

import pytest
from django.conf import settings

from tests.browser.harness import free_port, wait_for_port

pytestmark = pytest.mark.slow


@pytest.fixture
def bare_env(tmp_path):
    keep = {"PATH", "HOME", "LANG", "PIP_FIND_LINKS"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["HARBOUR_VAR_DIR"] = str(tmp_path / "var")
    return env


def run(args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_embedded_default_migrates_loads_demo_data_and_serves_the_home_page(bare_env, tmp_path):
    assert run(["migrate", "--noinput"], bare_env).returncode == 0
    first = run(["demo_data"], bare_env)
    second = run(["demo_data"], bare_env)
    assert first.returncode == 0, first.stderr
    # Idempotent: the second run finds everything in place, TOTP secrets included.
    assert second.returncode == 0 and second.stdout == first.stdout
    assert "guide@harbour.local" in first.stdout and "TOTP secret" in first.stdout
    assert (tmp_path / "var" / "harbour.sqlite3").exists()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "config.asgi:application", "--port", str(port)],
        cwd=settings.BASE_DIR,
        env=bare_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, server)
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
        help_page = urllib.request.urlopen(f"http://127.0.0.1:{port}/help/?country=GB").read()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "carry it alone" in home
    assert b"Samaritans" in help_page and b"116 123" in help_page
