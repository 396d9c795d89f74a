"""The live console over the real Redis channel layer: who may listen, and that
cases opened, claimed, released, raised and decided reach every open console once
their transaction commits, carrying nothing but the case number."""

import time

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.db import transaction
from django.test import Client
from django.urls import reverse

from community.services.threads import thread_create
from config.asgi import application
from moderation.claims import case_claim, case_release
from moderation.idle import LAST_SEEN_KEY
from moderation.models import ReportReason
from moderation.services import case_approve, case_open_for, report_submit
from moderation.sla import sla_breaches_raise
from tests.chat.communicator import WebsocketCommunicator

pytestmark = pytest.mark.django_db(transaction=True)
QUIET = 0.3


def console_socket(client):
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    headers = [(b"cookie", cookie), (b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    return WebsocketCommunicator(application, "/ws/console/", headers=headers)


async def listening(client):
    socket = console_socket(client)
    ok, code = await socket.connect()
    assert ok, f"refused with {code}"
    return socket


async def next_event(socket):
    return await socket.receive_json_from(timeout=3)


def test_a_guide_hears_another_guide_claim_and_release_a_case(signed_in, guide, lead, held_post):
    case, browser = case_open_for(held_post), signed_in(guide)

    async def scenario():
        socket = await listening(browser)
        await database_sync_to_async(case_claim)(case=case, guide=lead)
        assert await next_event(socket) == {"type": "claimed", "case": case.pk}
        await database_sync_to_async(case_release)(case=case, guide=lead)
        assert await next_event(socket) == {"type": "released", "case": case.pk}
        await socket.disconnect()

    async_to_sync(scenario)()


def test_every_open_console_hears_a_decision(signed_in, guide, lead, held_post):
    case, browsers = case_open_for(held_post), [signed_in(guide), signed_in(lead)]

    async def scenario():
        sockets = [await listening(browser) for browser in browsers]
        await database_sync_to_async(case_approve)(case=case, guide=guide)
        for socket in sockets:
            assert await next_event(socket) == {"type": "decided", "case": case.pk}
            await socket.disconnect()

    async_to_sync(scenario)()


def test_a_report_opens_a_case_the_console_hears_of(
    settings, signed_in, guide, member, other_member, talkabout
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    thread = thread_create(author=member, talkabout=talkabout, title="Hi", body="A good day.")
    settings.HARBOUR_FAKE_RISK_DECISION = "review"

    post, browser = thread.posts.get(), signed_in(guide)

    async def scenario():
        socket = await listening(browser)
        await database_sync_to_async(report_submit)(
            item=post, reporter=other_member, reason=ReportReason.RISK_TO_AUTHOR
        )
        event = await next_event(socket)
        case = await database_sync_to_async(case_open_for)(post)
        assert event == {"type": "opened", "case": case.pk}
        await socket.disconnect()

    async_to_sync(scenario)()


def test_a_case_past_its_sla_is_announced_as_raised(signed_in, guide, held_post, settings):
    settings.HARBOUR_SLA_SECONDS = {"urgent": 0, "high": 0, "normal": 0}
    case, browser = case_open_for(held_post), signed_in(guide)

    async def scenario():
        socket = await listening(browser)
        await database_sync_to_async(sla_breaches_raise)()
        assert await next_event(socket) == {"type": "raised", "case": case.pk}
        await socket.disconnect()

    async_to_sync(scenario)()


def test_a_case_the_check_opens_is_announced_once_when_it_commits(
    signed_in, guide, member, talkabout
):
    browser = signed_in(guide)

    async def scenario():
        socket = await listening(browser)
        thread = await database_sync_to_async(thread_create)(
            author=member, talkabout=talkabout, title="Tonight", body="Hard day."
        )
        case = await database_sync_to_async(lambda: case_open_for(thread.posts.get()))()
        assert await next_event(socket) == {"type": "opened", "case": case.pk}
        assert await socket.receive_nothing(timeout=QUIET)
        await socket.disconnect()

    async_to_sync(scenario)()


def test_nothing_is_announced_for_a_transaction_that_rolled_back(signed_in, guide, lead, held_post):
    case = case_open_for(held_post)

    def claim_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            case_claim(case=case, guide=lead)
            raise RuntimeError("rolled back")

    browser = signed_in(guide)

    async def scenario():
        socket = await listening(browser)
        await database_sync_to_async(claim_then_fail)()
        assert await socket.receive_nothing(timeout=QUIET)
        await socket.disconnect()

    async_to_sync(scenario)()


@pytest.mark.parametrize("who", ["anonymous", "member", "org_admin", "staff", "guide_without_mfa"])
def test_only_guides_and_leads_with_a_second_factor_may_listen(
    who, member, org_admin, staff, guide, signed_in
):
    if who == "anonymous":
        client = Client()
        client.get(reverse("home"))
        client.cookies["sessionid"] = "no-such-session"
    elif who == "guide_without_mfa":
        client = Client()
        client.force_login(guide)  # password only: no second factor in this session
    else:
        client = signed_in({"member": member, "org_admin": org_admin, "staff": staff}[who])

    async def scenario():
        ok, code = await console_socket(client).connect()
        assert (ok, code) == (False, 4403)

    async_to_sync(scenario)()


def test_a_timed_out_session_may_not_listen(signed_in, guide):
    client = signed_in(guide)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time() - 31 * 60)
    session.save()

    async def scenario():
        ok, code = await console_socket(client).connect()
        assert (ok, code) == (False, 4403)

    async_to_sync(scenario)()


def test_the_console_refreshes_only_the_table(signed_in, guide, held_post):
    client = signed_in(guide)
    response = client.get(
        reverse("case_list"),
        headers={"X-Harbour-Fragment": "queue", "X-Harbour-Background": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<table class="queue">')
    assert f'id="case-{case_open_for(held_post).pk}"' in body
    assert "<html" not in body


def test_the_page_works_without_javascript_and_loads_the_script(signed_in, guide, held_post):
    body = signed_in(guide).get(reverse("case_list")).content.decode()
    assert f'id="case-{case_open_for(held_post).pk}"' in body  # the rows are in the page
    assert 'src="/static/js/console.js"' in body
    assert "<script>" not in body  # no inline script: the CSP forbids it


def test_a_background_refresh_does_not_keep_an_idle_console_signed_in(signed_in, guide):
    client = signed_in(guide)
    client.get(reverse("case_list"))
    session = client.session
    session[LAST_SEEN_KEY] = before = int(time.time() - 25 * 60)
    session.save()

    client.get(
        reverse("case_list"), headers={"X-Harbour-Fragment": "queue", "X-Harbour-Background": "1"}
    )

    assert client.session[LAST_SEEN_KEY] == before
