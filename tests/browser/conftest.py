"""The browser harness: the project's ASGI server as a subprocess and Debian's Chromium.

The server runs against the test database, so tests here use
`django_db(transaction=True)`: their rows are committed and the server sees them.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, Outbox, asgi_server

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still ordinary blocking calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def mail_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outbox")


@pytest.fixture(scope="session")
def live_asgi(django_db_setup, django_db_blocker, mail_folder, tmp_path_factory):
    """Base URL of the project's own ASGI server, serving the test database."""
    log = tmp_path_factory.mktemp("server") / "server.log"
    with asgi_server(log, EMAIL_FILE_PATH=str(mail_folder)) as base_url:
        yield base_url


@pytest.fixture
def outbox(mail_folder) -> Outbox:
    for old in mail_folder.glob("*.log"):
        old.unlink()
    return Outbox(mail_folder)


@pytest.fixture(scope="package")
def browser():
    # Package scope: Playwright's loop must be gone before tests elsewhere (chat's
    # WebSocket tests) run their own with async_to_sync.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
