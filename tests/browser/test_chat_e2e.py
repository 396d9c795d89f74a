"""End to end, in two browsers: buddies chat; a phone number is held, redacted by a
guide and arrives late, marked so; nothing typed is lost on a refusal; in a group
room each sees who is here and who is typing.

The server here runs the real rules with a model that finds nothing
(tests.chat.fakes.RulesOnlyPublishBackend): an ordinary message is published and the
phone number is held, every time, without loading the model.
"""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from playwright.sync_api import expect

from accounts.roles import Role
from chat.models import ChatMessage, Room, RoomKind, RoomMember
from chat.services import message_decide, message_submit
from tests.auth import totp_enable
from tests.browser.harness import browser_sign_in, free_port, wait_for_port
from tests.chat.fakes import RulesOnlyPublishBackend
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "My number is 07700 900123, text me"
REDACTED = "My number is [removed], text me"
SMALL_PHONE = {"width": 360, "height": 740}

expect.set_options(timeout=10_000)


class Server:
    """The project's ASGI server on the test database, checking with the real rules;
    it can be stopped and started again on the same port."""

    def __init__(self, folder):
        database = connection.settings_dict
        self.port, self.folder, self.process = free_port(), folder, None
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}",
            "HARBOUR_RISK_BACKEND": "tests.chat.fakes.RulesOnlyPublishBackend",
            "HARBOUR_CHAT_BURST": "3",
            "HARBOUR_CHAT_WARM_AT_START": "false",
            "HARBOUR_CHAT_TYPING_SHOWN": "4",
        }

    def start(self):
        log = (self.folder / "server.log").open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        wait_for_port(self.port, self.process)

    def stop(self):
        if self.process.poll() is not None:
            return
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def server(django_db_setup, tmp_path):
    # One per test: a server process keeps content type ids, which each
    # transaction=True test's flush changes.
    server = Server(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def chat_asgi(server):
    return server.url


@pytest.fixture
def buddies(db):
    alice = UserFactory(handle="alice-wren", email="alice@example.com")
    bob = UserFactory(handle="bob-heron", email="bob@example.com")
    room = Room.objects.create(kind=RoomKind.BUDDY)
    for user in (alice, bob):
        RoomMember.objects.create(room=room, user=user)
    return alice, bob, room


def _chat_page(browser, base_url, user, room, viewport=None, sockets=None):
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(10_000)
    if sockets is not None:
        page.route_web_socket("**/ws/chat/**", sockets.route)
    browser_sign_in(page, base_url, user, PASSWORD)
    page.get_by_role("link", name="Chat", exact=True).click()
    page.get_by_role("link", name=str(room)).click()
    expect(page.get_by_role("status").filter(has_text="Connected")).to_be_visible()
    return page


def _send(page, text):
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_a_held_phone_number_reaches_the_buddy_only_redacted_and_marked_late(
    chat_asgi, browser, buddies
):
    alice, bob, room = buddies
    guide = UserFactory(role=Role.GUIDE, handle="guide-cara", email="cara@harbour.example")
    secret = totp_enable(guide)
    a = _chat_page(browser, chat_asgi, alice, room, viewport=SMALL_PHONE)
    b = _chat_page(browser, chat_asgi, bob, room)
    log_a, log_b = a.get_by_role("log"), b.get_by_role("log")

    _send(a, "Hello! How was your day?")
    expect(log_b).to_contain_text("Hello! How was your day?")
    expect(a.get_by_label("Your message")).to_have_value("")

    _send(a, PHONE)
    held = log_a.get_by_role("listitem").filter(has_text=PHONE)
    expect(held).to_contain_text("Held for a Wall Guide")
    _send(b, "Mine was fine, thanks.")
    expect(log_a).to_contain_text("Mine was fine, thanks.")  # the room moved on...
    expect(log_b).not_to_contain_text("07700")  # ...and bob never saw the number
    assert a.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]

    g = browser.new_context().new_page()
    browser_sign_in(g, chat_asgi, guide, PASSWORD, totp_secret=secret)
    g.goto(chat_asgi + "/moderation/cases/")
    expect(g.get_by_text("My number is").first).to_be_visible()
    g.get_by_role("button", name="Next case").click()
    g.get_by_text("Approve with an edit").click()
    g.get_by_label("The edited text").fill(REDACTED)
    g.get_by_label("Why you edited it").fill("Phone numbers stay private here, for your safety.")
    g.get_by_role("button", name="Approve with this edit").click()

    late = log_b.get_by_role("listitem").filter(has_text=REDACTED)
    expect(late).to_contain_text("Delivered late, after a Wall Guide's review")
    expect(log_b).not_to_contain_text("07700")
    mine = log_a.get_by_role("listitem").filter(has_text=REDACTED)
    expect(mine).to_contain_text("Phone numbers stay private here")  # the guide's note, hers only
    assert ChatMessage.objects.get(body=REDACTED).sequence == 3  # the next number, after bob's


def test_a_refused_message_stays_in_the_box_with_the_reason(chat_asgi, browser, buddies):
    alice, bob, room = buddies
    a = _chat_page(browser, chat_asgi, alice, room, viewport=SMALL_PHONE)
    for number in range(3):  # the server's burst here
        _send(a, f"Message {number}")
        expect(a.get_by_role("log")).to_contain_text(f"Message {number}")
    _send(a, "One more thing I wanted to say")
    expect(a.get_by_role("alert")).to_contain_text("You can send again in")
    expect(a.get_by_label("Your message")).to_have_value("One more thing I wanted to say")
    assert not ChatMessage.objects.filter(body__startswith="One more").exists()


def _published_while_away(room, author, text):
    """A message the room receives while the other buddy's page is cut off. In a thread
    of its own: publishing sends to the channel layer with async_to_sync, which
    refuses to run in this thread, where Playwright's event loop lives."""

    def publish():
        message, _ = message_submit(room_id=room.pk, sender=author, client_id=text, text=text)
        message_decide(message=message, verdict=RulesOnlyPublishBackend().assess([text])[0])
        connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(publish).result()


def test_after_the_server_restarts_the_page_catches_up_once_and_in_order(
    server, chat_asgi, browser, buddies
):
    alice, bob, room = buddies
    a = _chat_page(browser, chat_asgi, alice, room)
    b = _chat_page(browser, chat_asgi, bob, room)
    _send(a, "Before the drop")
    expect(b.get_by_role("log")).to_contain_text("Before the drop")
    server.stop()
    expect(b.get_by_role("status").filter(has_text="Connection lost")).to_be_visible()
    for text in ("First while away", "Second while away"):
        _published_while_away(room, alice, text)
    server.start()
    expect(b.get_by_role("status").filter(has_text="Connected")).to_be_visible(timeout=20_000)
    items = b.get_by_role("log").get_by_role("listitem")
    for number, text in enumerate(("Before the drop", "First while away", "Second while away")):
        expect(items.nth(number)).to_contain_text(text)
    expect(items).to_have_count(3)
    expect(a.get_by_role("log").get_by_role("listitem")).to_have_count(3)


@pytest.fixture
def group_members(db):
    alice = UserFactory(handle="alice-wren", email="alice@example.com")
    bob = UserFactory(handle="bob-heron", email="bob@example.com")
    room = Room.objects.create(kind=RoomKind.GROUP, title="Night owls", capacity=10)
    for user in (alice, bob):
        RoomMember.objects.create(room=room, user=user)
    return alice, bob, room


def test_in_a_group_room_each_sees_who_is_here_and_who_is_typing(chat_asgi, browser, group_members):
    alice, bob, room = group_members
    a = _chat_page(browser, chat_asgi, alice, room, viewport=SMALL_PHONE)
    here = a.get_by_role("region", name="Who is here")
    expect(here).to_contain_text("Here now: just you")
    b = _chat_page(browser, chat_asgi, bob, room)
    expect(here).to_contain_text("Here now: you and bob-heron")
    expect(b.get_by_role("region", name="Who is here")).to_contain_text("you and alice-wren")

    typing = a.locator(".chat-typing")
    b.get_by_label("Your message").press_sequentially("Evening, ")
    expect(typing).to_have_text("bob-heron is typing…")
    expect(typing).to_have_attribute("aria-live", "polite")
    expect(typing).to_have_text("")  # gone a few seconds after the last keystroke
    b.get_by_label("Your message").press_sequentially("how is everyone?")
    expect(typing).to_have_text("bob-heron is typing…")
    b.get_by_role("button", name="Send").click()
    expect(a.get_by_role("log")).to_contain_text("Evening, how is everyone?")
    expect(typing).to_have_text("")  # their message arrived: they are no longer typing
    expect(b.locator(".chat-typing")).to_have_text("")  # nobody hears themselves typing
    assert a.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]

    b.context.close()
    expect(here).to_contain_text("Here now: just you")
