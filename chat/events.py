"""What the chat server sends, and to whom. Services call the `*_send_on_commit`
helpers, so nothing leaves before the transaction that decided it has committed."""

from django.db import transaction
from django.urls import reverse

from config.layers import group_send
from moderation.states import ModerationState

OWN_STATUS = {
    ModerationState.PENDING: "Being checked…",
    ModerationState.HELD: "Held for a Wall Guide. Only you can see this until they have looked.",
    ModerationState.ESCALATED: (
        "Held for a Wall Guide, who will look at it very soon. If you are in danger now, "
        "please contact a crisis line."
    ),
    ModerationState.REMOVED: "A Wall Guide removed this message. Only you can see it.",
    ModerationState.PUBLISHED: "Sent",
}


def room_group(room_id: int) -> str:
    return f"chat-room-{room_id}"


def member_group(user_id: int) -> str:
    return f"chat-member-{user_id}"


def message_payload(message) -> dict:
    """A published message as the room receives it. `author_id` is taken out by the
    consumer before anything is sent to a browser."""
    return {
        "id": message.pk,
        "sequence": message.sequence,
        "client_id": message.client_id,
        "author_id": message.author_id,
        "author": message.author.handle,
        "text": message.public_body,
        "sent_at": message.published_at.isoformat() if message.published_at else None,
        "delayed": message.delayed,
    }


def own_payload(message) -> dict:
    """The sender's own view of their message: its state in plain words."""
    payload = {
        "id": message.pk,
        "client_id": message.client_id,
        "state": message.state,
        "sequence": message.sequence,
        "text": message.body,
        "status": OWN_STATUS.get(message.state, ""),
        "note": message.decision_note,
    }
    if message.state == ModerationState.ESCALATED:
        payload["help_url"] = reverse("crisis_help")
    return payload


def room_send_on_commit(room_id: int, kind: str, **fields) -> None:
    event = {"type": kind, **fields}
    transaction.on_commit(lambda: group_send(room_group(room_id), event))


def member_send_on_commit(user_id: int, kind: str, **fields) -> None:
    event = {"type": kind, **fields}
    transaction.on_commit(lambda: group_send(member_group(user_id), event))
