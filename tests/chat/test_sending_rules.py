"""What a sender is told when a message can't go, and that a check that fails or is
too slow holds the message instead of delivering it unchecked."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from chat.models import ChatMessage
from chat.services import room_leave
from moderation.models import HeldReason
from moderation.sanctions import sanction_issue
from moderation.services import case_open_for
from moderation.states import ModerationState
from tests.chat.conftest import connected, next_of, received_nothing, send

pytestmark = pytest.mark.django_db(transaction=True)


def _held_unchecked(settings, member, other_member, group_room):
    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        await send(alice, "Is anyone around tonight?")
        ack = await next_of(alice, "ack")
        assert ack["state"] == ModerationState.HELD
        assert await received_nothing(bob, wait=0.8)
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()
    message = ChatMessage.objects.get()
    assert message.sequence is None and not message.is_public
    return case_open_for(message)


def test_a_slow_check_holds_the_message(settings, member, other_member, group_room):
    settings.HARBOUR_RISK_BACKEND = "tests.chat.fakes.SlowBackend"
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    settings.HARBOUR_FAKE_RISK_DELAY = 0.5
    settings.HARBOUR_CHAT_CHECK_TIMEOUT = 0.1
    case = _held_unchecked(settings, member, other_member, group_room)
    assert case.reason == HeldReason.AUTO_CHECK_UNAVAILABLE


def test_a_failing_check_holds_the_message(settings, member, other_member, group_room):
    settings.HARBOUR_FAKE_RISK_DECISION = "fail"
    case = _held_unchecked(settings, member, other_member, group_room)
    assert case.reason == HeldReason.AUTO_CHECK_UNAVAILABLE


def test_rules_set_the_priority_of_a_message_held_for_want_of_the_check(
    settings, member, other_member, group_room
):
    settings.HARBOUR_FAKE_RISK_DECISION = "fail"

    async def scenario():
        alice, _ = await connected(member, group_room)
        await send(alice, "i want to kms tonight")
        await next_of(alice, "ack")
        await alice.disconnect()

    async_to_sync(scenario)()
    assert case_open_for(ChatMessage.objects.get()).get_priority_display() == "Urgent"


def test_the_rate_limit_refuses_the_sixth_quick_message_and_says_when_to_retry(
    settings, member, group_room
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"

    async def scenario():
        alice, _ = await connected(member, group_room)
        for number in range(5):
            await send(alice, f"message {number}")
            assert (await next_of(alice, "ack"))["state"] == ModerationState.PUBLISHED
            await next_of(alice, "message")
        client_id = await send(alice, "one too many")
        refused = await next_of(alice, "refused")
        assert refused["client_id"] == client_id and refused["retry_after"] >= 1
        assert "wait" in refused["reason"]
        await alice.disconnect()

    async_to_sync(scenario)()
    assert ChatMessage.objects.count() == 5


@pytest.mark.parametrize(
    "text, words", [("   \n ", "write something"), ("x" * 2001, "up to 2,000 characters")]
)
def test_empty_and_overlong_messages_are_refused_in_plain_words(text, words, member, group_room):
    async def scenario():
        alice, _ = await connected(member, group_room)
        await send(alice, text)
        assert words in (await next_of(alice, "refused"))["reason"]
        await alice.disconnect()

    async_to_sync(scenario)()
    assert not ChatMessage.objects.exists()


def test_a_message_of_exactly_2000_characters_is_accepted(settings, member, group_room):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"

    async def scenario():
        alice, _ = await connected(member, group_room)
        await send(alice, "x" * 2000)
        assert (await next_of(alice, "ack"))["state"] == ModerationState.PUBLISHED
        await alice.disconnect()

    async_to_sync(scenario)()


def test_a_member_who_left_the_room_can_no_longer_send(member, group_room):
    async def scenario():
        alice, _ = await connected(member, group_room)
        await _leave(member, group_room)
        await send(alice, "still here?")
        assert "Join this room" in (await next_of(alice, "refused"))["reason"]
        await alice.disconnect()

    async_to_sync(scenario)()
    assert not ChatMessage.objects.exists()


def test_a_member_paused_from_posting_is_told_why_and_nothing_is_stored(guide, member, group_room):
    sanction_issue(guide=guide, member=member, kind="pause", hours=2, reason="Take a breath.")

    async def scenario():
        alice, _ = await connected(member, group_room)
        await send(alice, "Can I still talk here?")
        assert "Take a breath." in (await next_of(alice, "refused"))["reason"]
        await alice.disconnect()

    async_to_sync(scenario)()
    assert not ChatMessage.objects.exists()


async def _leave(user, room):
    await database_sync_to_async(room_leave)(room=room, user=user)
