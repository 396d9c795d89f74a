"""Who is here and who is typing in a group room, over the real Redis channel layer
and presence store: handles only, each member once, ghosts swept, nothing stored."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from chat.models import Block, ChatMessage, Room, RoomKind, RoomMember
from chat.presence import MemoryPresence, presence_entry, presence_store
from chat.services import room_presence_set
from community.models import Mute
from moderation.models import RiskAssessment
from moderation.models_safety import SanctionKind
from moderation.sanctions import sanction_issue
from tests.chat.conftest import connected, next_of, received_nothing

pytestmark = pytest.mark.django_db(transaction=True)

TYPING = {"type": "typing"}


@pytest.fixture
def lively_room(db, member, other_member, carol):
    room = Room.objects.create(kind=RoomKind.GROUP, title="Night owls", capacity=10)
    assert room.show_presence  # on unless staff or the facilitator turn it off
    for user in (member, other_member, carol):
        RoomMember.objects.create(room=room, user=user)
    return room


async def arrive(user, room):
    """Connect; returns (client, the first list of who else is here)."""
    client, _ = await connected(user, room)
    return client, (await next_of(client, "presence"))["here"]


async def everyone_in(room, *users):
    """Connect each in turn, reading every arrival, so the clients start quiet."""
    clients, seen = [], []
    for user in users:
        client, _ = await arrive(user, room)
        if user not in seen:  # another tab of someone here is no arrival
            for earlier, who in zip(clients, seen, strict=False):
                if who != user:
                    await next_of(earlier, "presence")
        clients.append(client)
        seen.append(user)
    return clients


async def leave(*clients):
    # Wait for each to finish leaving (the communicator's default is 1 s): a connection
    # cut short would leave its room's reader behind on this test's event loop. Leaving
    # may take up to about 4 s if a library swallows the cancels (chat.fanout._stop and
    # RoomPresence.stop each give up after 2 s), so allow well over that on a busy machine.
    for client in clients:
        await client.disconnect(timeout=15)


def test_members_see_who_arrives_and_goes_by_handle_only(member, other_member, lively_room):
    async def scenario():
        alice, others = await arrive(member, lively_room)
        assert others == []
        bob, others = await arrive(other_member, lively_room)
        assert others == ["alice-wren"]
        arrived = await next_of(alice, "presence")
        assert arrived == {"type": "presence", "shown": True, "joined": ["bob-heron"], "left": []}
        await leave(bob)
        went = await next_of(alice, "presence")
        assert went == {"type": "presence", "shown": True, "joined": [], "left": ["bob-heron"]}
        await leave(alice)

    async_to_sync(scenario)()


def test_a_member_with_several_tabs_is_here_once_until_the_last_tab_closes(
    member, other_member, lively_room
):
    async def scenario():
        alice, _ = await arrive(member, lively_room)
        first_tab, _ = await arrive(other_member, lively_room)
        assert (await next_of(alice, "presence"))["joined"] == ["bob-heron"]
        second_tab, others = await arrive(other_member, lively_room)
        assert others == ["alice-wren"]
        assert await received_nothing(alice)  # the same member, not a new arrival
        await leave(first_tab)
        assert await received_nothing(alice)  # still here in the other tab
        await leave(second_tab)
        assert (await next_of(alice, "presence"))["left"] == ["bob-heron"]
        await leave(alice)

    async_to_sync(scenario)()


def test_a_connection_whose_process_died_is_swept_when_its_entry_expires(
    settings, member, carol, lively_room
):
    settings.HARBOUR_CHAT_PRESENCE_HEARTBEAT = 0.2

    async def scenario():
        # What a web process that died leaves behind: an entry nobody renews or removes.
        ghost = presence_entry(user_id=carol.pk, handle=carol.handle, connection="gone")
        await presence_store().update(lively_room.pk, ghost, here=True, ttl=1.0)
        alice, others = await arrive(member, lively_room)
        assert others == ["carol-finch"]
        went = await next_of(alice, "presence", timeout=3.0)
        assert went["left"] == ["carol-finch"]
        assert await received_nothing(alice, wait=0.6)  # told once, not at every heartbeat
        await leave(alice)

    async_to_sync(scenario)()


def test_typing_reaches_the_others_only_and_carries_no_words(
    member, other_member, carol, lively_room
):
    async def scenario():
        alice, bob, carol_client = await everyone_in(lively_room, member, other_member, carol)
        await alice.send_json_to({**TYPING, "text": "My number is 07700 900123"})
        for other in (bob, carol_client):
            frame = await next_of(other, "typing")
            assert frame == {"type": "typing", "who": "alice-wren", "for_seconds": 6.0}
        assert await received_nothing(alice)
        await leave(alice, bob, carol_client)

    async_to_sync(scenario)()
    assert not ChatMessage.objects.exists() and not RiskAssessment.objects.exists()


def test_typing_is_relayed_at_most_once_per_interval_across_tabs(
    settings, member, other_member, lively_room
):
    settings.HARBOUR_CHAT_TYPING_INTERVAL = 0.8

    async def scenario():
        bob, alice, alice_again = await everyone_in(lively_room, other_member, member, member)
        for _ in range(5):
            await alice.send_json_to(TYPING)
        await alice_again.send_json_to(TYPING)
        assert (await next_of(bob, "typing"))["who"] == "alice-wren"
        assert await received_nothing(bob, wait=0.5)
        await asyncio.sleep(0.4)
        await alice_again.send_json_to(TYPING)
        assert (await next_of(bob, "typing"))["who"] == "alice-wren"
        await leave(alice, alice_again, bob)

    async_to_sync(scenario)()


@pytest.mark.parametrize("room_kind", ["group room with presence off", "buddy chat"])
def test_nothing_of_who_is_here_or_typing_where_presence_is_not_shown(
    room_kind, member, other_member, group_room, buddy_room
):
    room = group_room if room_kind.startswith("group") else buddy_room
    assert not room.presence_on

    async def scenario():
        alice, _ = await connected(member, room)
        bob, _ = await connected(other_member, room)
        await bob.send_json_to(TYPING)
        assert await received_nothing(alice)
        assert await received_nothing(bob)
        await leave(alice, bob)

    async_to_sync(scenario)()


@pytest.mark.parametrize("silencing", [Block, Mute])
def test_a_member_hears_nothing_of_someone_they_blocked_or_muted(
    silencing, member, other_member, carol, lively_room
):
    if silencing is Block:
        Block.objects.create(blocker=member, blocked=other_member)
    else:
        Mute.objects.create(muter=member, muted=other_member)

    async def scenario():
        alice, _ = await arrive(member, lively_room)
        carol_client, _ = await arrive(carol, lively_room)
        assert (await next_of(alice, "presence"))["joined"] == ["carol-finch"]
        bob, others = await arrive(other_member, lively_room)
        assert others == ["alice-wren", "carol-finch"]  # as with messages: only one way
        assert (await next_of(carol_client, "presence"))["joined"] == ["bob-heron"]
        await bob.send_json_to(TYPING)
        assert (await next_of(carol_client, "typing"))["who"] == "bob-heron"
        assert await received_nothing(alice)
        await leave(bob, carol_client, alice)

    async_to_sync(scenario)()


def test_a_member_suspended_from_posting_is_not_listed_and_not_relayed_typing(
    member, other_member, guide, lively_room
):
    sanction_issue(
        guide=guide, member=other_member, kind=SanctionKind.SUSPENSION, reason="Cooling off."
    )

    async def scenario():
        alice, _ = await arrive(member, lively_room)
        bob, others = await arrive(other_member, lively_room)
        assert others == ["alice-wren"]  # they may still read the room
        await bob.send_json_to(TYPING)
        assert await received_nothing(alice)
        await leave(bob, alice)

    async_to_sync(scenario)()


def test_turning_presence_off_reaches_open_pages_at_once(member, other_member, lively_room):
    async def scenario():
        alice, bob = await everyone_in(lively_room, member, other_member)
        await database_sync_to_async(room_presence_set)(room=lively_room, show=False)
        for client in (alice, bob):
            assert await next_of(client, "presence") == {"type": "presence", "shown": False}
        await bob.send_json_to(TYPING)
        assert await received_nothing(alice)
        await leave(bob)
        assert await received_nothing(alice)  # nobody's leaving is told either
        await leave(alice)

    async_to_sync(scenario)()
    assert not Room.objects.get(pk=lively_room.pk).show_presence


@pytest.mark.parametrize("store", ["redis", "memory"])
def test_both_stores_count_a_member_once_and_sweep_what_expired(store, db):
    # The embedded default (no Redis) keeps presence in a dict, with the same rules.
    def entry(user_id, handle, connection):
        return presence_entry(user_id=user_id, handle=handle, connection=connection)

    async def scenario():
        presence = presence_store() if store == "redis" else MemoryPresence()
        first = await presence.update(7, entry(1, "ann", "tab-1"), here=True, ttl=0.5)
        assert first.joined == {1: "ann"} and first.left == {}
        second = await presence.update(7, entry(1, "ann", "tab-2"), here=True, ttl=30)
        assert second.joined == {} and second.here == {1: "ann"}
        await asyncio.sleep(0.6)  # tab 1's process died: its entry is not renewed
        other = await presence.update(7, entry(2, "ben", "tab-3"), here=True, ttl=30)
        assert other.joined == {2: "ben"} and other.left == {}  # ann is still in tab 2
        gone = await presence.update(7, entry(1, "ann", "tab-2"), here=False, ttl=30)
        assert gone.left == {1: "ann"} and gone.here == {2: "ben"}
        assert await presence.typing_allowed(7, 2, 0.3)
        assert not await presence.typing_allowed(7, 2, 0.3)

    async_to_sync(scenario)()
