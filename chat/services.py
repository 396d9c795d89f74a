"""Writing chat: submitting messages, applying the check's outcome, rooms, reports, blocks.

A message is stored PENDING and nobody else receives it until the risk check has
published it (chat.delivery runs the check in this process). The outcome is applied
through moderation's own pipeline functions, so a chat message moves through the
same lifecycle, with the same cases, as a forum post.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from chat.events import member_send_on_commit, room_send_on_commit
from chat.models import (
    MESSAGE_MAX,
    Block,
    BuddyMatch,
    ChatMessage,
    MatchState,
    Room,
    RoomKind,
    RoomMember,
)
from chat.permissions import (
    check_message_send,
    check_room_join,
    check_room_manage,
    check_room_read,
)
from chat.ratelimits import chat_rate_limit_hit
from moderation.pipeline import check_unavailable, content_hash, verdict_apply
from moderation.selectors import posting_blocked
from moderation.services import report_submit
from moderation.states import Actor, Event, next_state
from organisations.licence import licence_write_refusal

CLIENT_ID_MAX = ChatMessage._meta.get_field("client_id").max_length


class MessageRefused(Exception):
    """A message that cannot be sent, with the reason in words the sender can act on."""


def _validate(client_id: str, text: str) -> None:
    # PostgreSQL cannot store a NUL character: refuse it here, not with a crash there.
    if not client_id or len(client_id) > CLIENT_ID_MAX or "\x00" in client_id:
        raise MessageRefused("Something went wrong sending this. Please try again.")
    if "\x00" in text:
        raise MessageRefused(
            "This message has an invisible character we can't send. "
            "Please retype it, or copy it again from somewhere else."
        )
    if not text.strip():
        raise MessageRefused("Please write something before sending.")
    if len(text) > MESSAGE_MAX:
        raise MessageRefused(
            f"Messages can be up to {MESSAGE_MAX:,} characters; this one has {len(text):,}. "
            "You could send it in parts."
        )


def _stored(room_id, sender_id, client_id):
    return (
        ChatMessage.objects.select_related("author", "room")
        .filter(room=room_id, author=sender_id, client_id=client_id)
        .first()
    )


def message_submit(*, room_id: int, sender, client_id: str, text: str):
    """Store a new message PENDING for the check; returns (message, created).

    A resend with a client id already stored returns the stored message and
    created=False, so it is neither stored nor delivered twice. Raises
    PermissionDenied, MessageRefused or ChatRateLimited; nothing is stored then.
    """
    _validate(client_id, text)
    stored = _stored(room_id, sender.pk, client_id)
    if stored is not None:
        return stored, False
    sender = get_user_model().objects.get(pk=sender.pk)  # a suspension since connecting counts
    room = Room.objects.get(pk=room_id)
    check_message_send(sender, room)
    if why := posting_blocked(sender) or licence_write_refusal(sender):
        raise MessageRefused(why)
    chat_rate_limit_hit(user_id=sender.pk)
    try:
        with transaction.atomic():
            message = ChatMessage.objects.create(
                room=room, author=sender, client_id=client_id, body=text,
                state=next_state(None, Event.SUBMIT, Actor.AUTHOR), pending_since=timezone.now(),
            )  # fmt: skip
    except IntegrityError:  # the same resend, arriving twice at once
        return _stored(room_id, sender.pk, client_id), False
    return message, True


def message_decide(*, message: ChatMessage, verdict=None, latency_ms: float = 0.0, failure=""):
    """Apply the check's verdict to a PENDING message, or hold it when the check failed
    (`failure` says why). Publishing sends it to the room on commit. Returns the
    message as it now stands."""
    if verdict is not None:
        verdict_apply(message, verdict, digest=content_hash(message), latency_ms=latency_ms)
    else:
        check_unavailable(message, why=failure or "no verdict")
    return ChatMessage.objects.select_related("author", "room").get(pk=message.pk)


def sequence_next(*, room_id: int) -> int:
    """The room's next sequence number, under a lock on the room's row held until the
    publishing transaction ends: numbers are given in commit order, without gaps."""
    room = Room.objects.select_for_update().only("last_sequence").get(pk=room_id)
    room.last_sequence += 1
    room.save(update_fields=["last_sequence"])
    return room.last_sequence


def room_join(*, room: Room, user) -> RoomMember:
    """Join a group support room, if it is open and has space."""
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)  # capacity, one at a time
        existing = RoomMember.objects.filter(room=room, user=user).first()
        if existing is not None:
            return existing
        check_room_join(user, room)
        return RoomMember.objects.create(room=room, user=user)


def room_leave(*, room: Room, user) -> None:
    """Leave a group support room. Buddy chats end by unmatching instead."""
    if room.kind != RoomKind.GROUP:
        raise PermissionDenied("A buddy chat ends when either of you unmatches.")
    RoomMember.objects.filter(room=room, user=user).delete()


def message_report(*, message: ChatMessage, reporter, reason: str, text: str = ""):
    """Report a message, through the same flow as a forum post (moderation.services)."""
    check_room_read(reporter, message.room)
    return report_submit(item=message, reporter=reporter, reason=reason, text=text)


@transaction.atomic
def block_create(*, blocker, blocked) -> Block:
    """Block a member: they can no longer message you in a buddy chat (it ends), you no
    longer receive their messages anywhere, and you are never matched. They are not told."""
    if blocker.pk == blocked.pk:
        raise PermissionDenied("You can't block yourself.")
    block, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    for room in Room.objects.filter(
        kind=RoomKind.BUDDY, is_open=True, memberships__user=blocker
    ).filter(memberships__user=blocked):
        room_close(room=room)
    pair = BuddyMatch.objects.filter(
        first=min(blocker.pk, blocked.pk), second=max(blocker.pk, blocked.pk)
    )
    pair.filter(state=MatchState.PROPOSED).update(
        state=MatchState.DECLINED, ended_at=timezone.now()
    )
    pair.filter(state=MatchState.ACTIVE).update(state=MatchState.ENDED, ended_at=timezone.now())
    member_send_on_commit(blocker.pk, "chat.silenced")
    return block


def block_remove(*, blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    member_send_on_commit(blocker.pk, "chat.silenced")


def room_close(*, room: Room) -> None:
    """End a room: nothing more can be sent; open pages are told at once."""
    Room.objects.filter(pk=room.pk).update(is_open=False)
    room_send_on_commit(room.pk, "chat.closed")


def room_presence_set(*, room: Room, show: bool, by=None) -> None:
    """Show or hide who is here and who is typing in a group room (`by` its facilitator;
    None when staff change it in the admin). Open pages follow at once."""
    if by is not None:
        check_room_manage(by, room)
    if room.kind != RoomKind.GROUP:
        raise PermissionDenied("Only group rooms show who is here.")
    Room.objects.filter(pk=room.pk).update(show_presence=show)
    room_send_on_commit(room.pk, "chat.presence_setting", show=show)
