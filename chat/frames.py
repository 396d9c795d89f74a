"""What a chat consumer sends to one browser: the room's messages as this member may
see them (no one else's client id, nothing from members they blocked or muted)."""

import json

from channels.db import database_sync_to_async
from django.conf import settings

from chat.events import message_payload, own_payload
from chat.models import Room
from chat.permissions import check_room_read
from chat.selectors import messages_after, messages_before, messages_own, silenced_by
from moderation.served import served_record

__all__ = ["catch_up", "connect_check", "history", "message_frame", "message_text", "silenced_by"]


@database_sync_to_async
def connect_check(*, user, room_id: int) -> set[int]:
    """Raise unless `user` may read the room; returns whom they do not hear from."""
    check_room_read(user, Room.objects.get(pk=room_id))
    return silenced_by(user.pk)


def message_frame(payload: dict, consumer) -> dict:
    if payload["author_id"] in consumer.silenced:
        return {"type": "message", "sequence": payload["sequence"], "hidden": True}
    mine = payload["author_id"] == consumer.user.pk
    frame = {key: value for key, value in payload.items() if key != "author_id"}
    if not mine:
        del frame["client_id"]
    return {"type": "message", **frame, "mine": mine}


def message_text(event: dict, consumer) -> str:
    """The frame for a live message, encoded. Most members of a room see the same
    frame, so it is encoded once per process and kept on the event."""
    payload = event["message"]
    if payload["author_id"] in consumer.silenced or payload["author_id"] == consumer.user.pk:
        return json.dumps(message_frame(payload, consumer))
    served_record(kind="chat", viewer_id=consumer.user.pk, item_ids=[payload["id"]])
    text = event.get(_SHARED_TEXT)
    if text is None:
        text = event[_SHARED_TEXT] = json.dumps(message_frame(payload, consumer))
    return text


_SHARED_TEXT = "_text_for_others"


def _row_frame(message, consumer) -> dict:
    if not message.is_public:  # published once, since taken out of view
        return {"type": "message", "sequence": message.sequence, "hidden": True}
    return message_frame(message_payload(message), consumer)


async def catch_up(consumer, after: int | None) -> int:
    """Send the member what they have not seen: everything after `after` in pages, or
    the newest page when they have seen nothing, and their own unpublished messages.
    Returns the sequence number delivered up to."""
    page = settings.HARBOUR_CHAT_PAGE_SIZE
    own = await database_sync_to_async(messages_own)(
        room_id=consumer.room_id, user_id=consumer.user.pk
    )
    if after is None:
        rows = await database_sync_to_async(messages_before)(
            room_id=consumer.room_id, before=None, limit=page
        )
        upto = rows[-1].sequence if rows else 0
        await _replay_send(consumer, rows, own, upto)
        return upto
    upto, more = after, True
    while more:
        rows = await database_sync_to_async(messages_after)(
            room_id=consumer.room_id, after=upto, limit=page
        )
        more = len(rows) == page
        upto = rows[-1].sequence if rows else upto
        await _replay_send(consumer, rows, own, upto)
        own = []
    return upto


def served_note(consumer, rows) -> None:
    """Record the published rows shown to this member that others wrote (moderation.served)."""
    shown = [row.pk for row in rows if row.is_public and row.author_id != consumer.user.pk]
    served_record(kind="chat", viewer_id=consumer.user.pk, item_ids=shown)


async def _replay_send(consumer, rows, own, upto):
    served_note(consumer, rows)
    await consumer.send_json(
        {
            "type": "replay",
            "messages": [_row_frame(row, consumer) for row in rows],
            "own": [own_payload(message) for message in own],
            "last_sequence": upto,
        }
    )


async def history(room_id: int, before, consumer) -> dict:
    """The page of messages before `before`, for scrolling back."""
    try:
        before = int(before)
    except (TypeError, ValueError):
        return {"type": "error", "reason": "Unknown request."}
    rows = await database_sync_to_async(messages_before)(
        room_id=room_id, before=before, limit=settings.HARBOUR_CHAT_PAGE_SIZE
    )
    served_note(consumer, rows)
    return {"type": "history", "messages": [_row_frame(row, consumer) for row in rows]}
