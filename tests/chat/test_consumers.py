"""The chat WebSocket against the real Redis channel layer: who may connect, what
reaches whom, and that nothing is lost, repeated or delivered before the check."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from chat.events import message_payload, room_group
from chat.models import ChatMessage
from config.asgi import application
from moderation.models import CasePriority, HeldReason
from moderation.services import case_open_for
from moderation.states import ModerationState
from tests.chat.communicator import WebsocketCommunicator
from tests.chat.conftest import connected, next_of, received_nothing, send, ws

pytestmark = pytest.mark.django_db(transaction=True)


def test_tests_use_the_redis_channel_layer_with_a_prefix_of_their_own():
    layer = settings.CHANNEL_LAYERS["default"]
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"]["prefix"] != "harbour:asgi"


def test_a_member_of_the_room_connects_through_the_full_stack_with_their_session(
    member, group_room
):
    browser = Client()
    browser.force_login(member)
    cookie = f"sessionid={browser.cookies['sessionid'].value}".encode()

    async def scenario():
        client = WebsocketCommunicator(
            application,
            f"/ws/chat/{group_room.pk}/",
            headers=[
                (b"cookie", cookie),
                (b"origin", b"http://127.0.0.1"),
                (b"host", b"127.0.0.1"),
            ],
        )
        ok, _ = await client.connect()
        assert ok
        replay = await next_of(client, "replay")
        assert replay["messages"] == [] and replay["last_sequence"] == 0
        await client.disconnect()

    async_to_sync(scenario)()


@pytest.mark.parametrize("who, code", [("anonymous", 4401), ("stranger", 4403), ("guide", 4403)])
def test_only_members_of_the_room_may_connect(who, code, group_room, carol, guide):
    user = {"anonymous": AnonymousUser(), "stranger": carol, "guide": guide}[who]

    async def scenario():
        ok, refused_with = await ws(user, group_room).connect()
        assert not ok and refused_with == code

    async_to_sync(scenario)()


def test_the_facilitating_guide_may_connect(group_room, guide):
    group_room.facilitator = guide
    group_room.save()

    async def scenario():
        client, _ = await connected(guide, group_room)
        await client.disconnect()

    async_to_sync(scenario)()


def test_a_published_message_reaches_everyone_in_the_room_once(
    member, other_member, group_room, verdict
):
    verdict("publish")

    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        client_id = await send(alice, "Evening all, how is everyone?")
        ack = await next_of(alice, "ack")
        assert ack["state"] == ModerationState.PUBLISHED and ack["sequence"] == 1
        own = await next_of(alice, "message")
        assert own["mine"] and own["client_id"] == client_id
        theirs = await next_of(bob, "message")
        assert theirs["sequence"] == 1 and theirs["author"] == "alice-wren"
        assert theirs["text"] == "Evening all, how is everyone?" and not theirs["delayed"]
        assert "client_id" not in theirs and "author_id" not in theirs
        assert await received_nothing(bob)
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()


def test_a_held_message_never_reaches_another_member(member, other_member, group_room, verdict):
    verdict("review")

    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        await send(alice, "Text me on 07700 900123")
        ack = await next_of(alice, "ack")
        assert ack["state"] == ModerationState.HELD and "Wall Guide" in ack["status"]
        assert ack["sequence"] is None
        assert await received_nothing(bob, wait=0.6)
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()
    message = ChatMessage.objects.get()
    assert not message.is_public and message.sequence is None
    assert case_open_for(message).reason == HeldReason.AUTO_REVIEW


def test_a_held_message_leaves_no_gap_in_the_numbers(member, other_member, group_room, verdict):
    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        verdict("review")
        await send(alice, "Text me on 07700 900123")
        await next_of(alice, "ack")
        verdict("publish")
        await send(alice, "Sorry, ignore that.")
        await next_of(alice, "ack")
        assert (await next_of(bob, "message"))["sequence"] == 1
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()


def test_an_escalated_message_opens_an_urgent_case_and_shows_the_sender_crisis_help(
    member, other_member, buddy_room, verdict
):
    verdict("escalate")

    async def scenario():
        alice, _ = await connected(member, buddy_room)
        bob, _ = await connected(other_member, buddy_room)
        await send(alice, "I can't do this any more")
        ack = await next_of(alice, "ack")
        assert ack["state"] == ModerationState.ESCALATED and ack["help_url"] == "/help/"
        assert await received_nothing(bob)
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()
    assert case_open_for(ChatMessage.objects.get()).priority == CasePriority.URGENT


def test_a_resend_with_the_same_client_id_is_stored_and_delivered_once(
    member, other_member, group_room, verdict
):
    verdict("publish")

    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        client_id = await send(alice, "Hello")
        first = await next_of(alice, "ack")
        await next_of(alice, "message")
        await send(alice, "Hello", client_id=client_id)  # the connection dropped before the ack
        again = await next_of(alice, "ack")
        assert again["id"] == first["id"] and again["sequence"] == 1
        assert (await next_of(bob, "message"))["sequence"] == 1
        assert await received_nothing(bob)
        assert await received_nothing(alice)
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()
    assert ChatMessage.objects.count() == 1


def test_replay_after_reconnect_delivers_what_was_missed_once_and_in_order(
    member, other_member, group_room, verdict
):
    verdict("publish")

    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        await send(alice, "one")
        await next_of(alice, "ack")
        await next_of(alice, "message")
        assert (await next_of(bob, "message"))["sequence"] == 1
        await bob.disconnect()
        for text in ["two", "three", "four"]:
            await send(alice, text)
            await next_of(alice, "ack")
            await next_of(alice, "message")
        bob, replay = await connected(other_member, group_room, after=1)
        assert [m["sequence"] for m in replay["messages"]] == [2, 3, 4]
        assert [m["text"] for m in replay["messages"]] == ["two", "three", "four"]
        assert replay["last_sequence"] == 4
        await send(alice, "five")
        assert (await next_of(bob, "message"))["text"] == "five"
        assert await received_nothing(bob)
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()


def test_a_gap_in_live_delivery_is_filled_from_the_database(member, other_member, group_room):
    # As if the layer had dropped numbers 1 and 2 for Bob (his channel was full): he
    # is told about 3 first, and gets 1, 2 and 3 from the database, each once.
    def published_quietly():
        return [
            ChatMessage.objects.create(
                room=group_room,
                author=member,
                client_id=str(number),
                body=f"number {number}",
                public_body=f"number {number}",
                state=ModerationState.PUBLISHED,
                is_public=True,
                sequence=number,
                published_at=timezone.now(),
            )  # fmt: skip
            for number in (1, 2, 3)
        ]

    layer = get_channel_layer()

    async def scenario():
        bob, _ = await connected(other_member, group_room, after=0)
        published = await database_sync_to_async(published_quietly)()
        for message in (published[2], published[1]):
            event = {"type": "chat.message", "message": message_payload(message)}
            await layer.group_send(room_group(group_room.pk), event)
        filled = await next_of(bob, "replay")
        assert [m["sequence"] for m in filled["messages"]] == [1, 2, 3]
        assert await received_nothing(bob)
        await bob.disconnect()

    async_to_sync(scenario)()
