"""A guide's decision on a held message, members' reports, and blocks, as the room sees them."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.core.exceptions import PermissionDenied

from chat.models import ChatMessage
from chat.services import block_create, message_report
from community.models import Mute
from moderation.claims import case_claim
from moderation.models import ReportReason
from moderation.services import case_approve, case_approve_redacted, case_open_for, case_remove
from moderation.states import ModerationState
from tests.chat.conftest import connected, next_of, received_nothing, send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _decide(decision, guide, **fields):
    case = case_claim(case=case_open_for(ChatMessage.objects.get(state="held")), guide=guide)
    return decision(case=case, guide=guide, **fields)


def test_an_approved_held_message_arrives_with_the_next_number_marked_delayed(
    settings, member, other_member, buddy_room, guide
):
    async def scenario():
        alice, _ = await connected(member, buddy_room)
        bob, _ = await connected(other_member, buddy_room)
        settings.HARBOUR_FAKE_RISK_DECISION = "review"
        await send(alice, "My number is 07700 900123, text me")
        await next_of(alice, "ack")
        settings.HARBOUR_FAKE_RISK_DECISION = "publish"
        await send(alice, "Anyway, how was your day?")
        await next_of(alice, "ack")
        await next_of(alice, "message")
        assert (await next_of(bob, "message"))["sequence"] == 1
        await database_sync_to_async(_decide)(
            case_approve_redacted, guide, text="My number is [removed], text me",
            why="Phone numbers stay private here, for your safety.",
        )  # fmt: skip
        late = await next_of(bob, "message")
        assert late["sequence"] == 2 and late["delayed"]
        assert late["text"] == "My number is [removed], text me"
        own = [await alice.receive_json_from(), await alice.receive_json_from()]
        assert {frame["type"] for frame in own} == {"message", "own"}
        note = next(frame for frame in own if frame["type"] == "own")["note"]
        assert "Phone numbers stay private" in note
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()


def test_a_removed_message_never_reaches_the_room_and_the_sender_reads_why(
    settings, member, other_member, buddy_room, guide
):
    settings.HARBOUR_FAKE_RISK_DECISION = "review"

    async def scenario():
        alice, _ = await connected(member, buddy_room)
        bob, _ = await connected(other_member, buddy_room)
        await send(alice, "something unkind")
        await next_of(alice, "ack")
        await database_sync_to_async(_decide)(case_remove, guide, reason="Please be kind.")
        own = await next_of(alice, "own")
        assert own["state"] == ModerationState.REMOVED and own["note"] == "Please be kind."
        assert await received_nothing(bob)
        await alice.disconnect()
        await bob.disconnect()
        # Reconnecting, the sender still sees it with the reason; the other does not.
        alice, replay = await connected(member, buddy_room)
        assert [m["note"] for m in replay["own"]] == ["Please be kind."]
        await alice.disconnect()

    async_to_sync(scenario)()


def test_approving_a_published_message_gives_no_second_number(
    settings, member, other_member, group_room, guide
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"

    async def scenario():
        alice, _ = await connected(member, group_room)
        await send(alice, "hello")
        await next_of(alice, "ack")
        await next_of(alice, "message")
        await alice.disconnect()

    async_to_sync(scenario)()
    message = ChatMessage.objects.get()
    message_report(message=message, reporter=other_member, reason=ReportReason.HARASSMENT)
    case = case_claim(case=case_open_for(message), guide=guide)
    case_approve(case=case, guide=guide)
    message.refresh_from_db()
    assert message.sequence == 1 and message.is_public and not message.delayed


def test_enough_reports_take_a_message_out_of_view_live_and_in_replay(
    settings, member, other_member, group_room
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    carol = UserFactory(handle="carol-finch")
    group_room.memberships.create(user=carol)

    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        await send(alice, "buy cheap followers at my site")
        await next_of(alice, "ack")
        await next_of(bob, "message")
        message = await database_sync_to_async(ChatMessage.objects.get)()
        for reporter in (other_member, carol):
            await database_sync_to_async(message_report)(
                message=message, reporter=reporter, reason=ReportReason.SPAM
            )
        assert await next_of(bob, "hidden") == {"type": "hidden", "sequence": 1}
        await bob.disconnect()
        bob, replay = await connected(other_member, group_room, after=0)
        assert replay["messages"] == [{"type": "message", "sequence": 1, "hidden": True}]
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()
    assert case_open_for(ChatMessage.objects.get()) is not None


def test_a_member_cannot_report_a_message_in_a_room_they_are_not_in(settings, member, group_room):
    message = ChatMessage.objects.create(
        room=group_room, author=member, client_id="a", body="hi", public_body="hi",
        state=ModerationState.PUBLISHED, is_public=True, sequence=1,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        message_report(message=message, reporter=UserFactory(), reason=ReportReason.SPAM)


def test_a_blocked_member_no_longer_reaches_the_blocker_in_a_group_room(
    settings, member, other_member, group_room
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"

    async def scenario():
        alice, _ = await connected(member, group_room)
        bob, _ = await connected(other_member, group_room)
        await database_sync_to_async(block_create)(blocker=other_member, blocked=member)
        await send(alice, "hello again")
        await next_of(alice, "ack")
        assert await next_of(bob, "message") == {"type": "message", "sequence": 1, "hidden": True}
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()


def test_blocking_a_buddy_ends_the_chat_and_nothing_more_can_be_sent(
    settings, member, other_member, buddy_room
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"

    async def scenario():
        alice, _ = await connected(member, buddy_room)
        bob, _ = await connected(other_member, buddy_room)
        await database_sync_to_async(block_create)(blocker=other_member, blocked=member)
        assert (await next_of(alice, "closed"))["reason"] == "This chat has ended."
        await send(alice, "are you there?")
        assert "ended" in (await next_of(alice, "refused"))["reason"]
        await alice.disconnect()
        await bob.disconnect()

    async_to_sync(scenario)()
    assert not ChatMessage.objects.exists()


def test_a_buddy_the_other_has_muted_cannot_send_to_them(
    settings, member, other_member, buddy_room
):
    Mute.objects.create(muter=other_member, muted=member)

    async def scenario():
        alice, _ = await connected(member, buddy_room)
        await send(alice, "hi")
        await next_of(alice, "refused")
        await alice.disconnect()

    async_to_sync(scenario)()
    assert not ChatMessage.objects.exists()
