"""Reading chat: what a member may see of a room, in sequence order."""

from django.db.models import Q

from chat.models import Block, ChatMessage, Room, RoomKind, RoomMember
from community.models import Mute
from moderation.states import ModerationState

# The author keeps seeing these, with their status (and a removal's reason).
OWN_NOT_PUBLISHED = [
    ModerationState.PENDING,
    ModerationState.HELD,
    ModerationState.ESCALATED,
    ModerationState.REMOVED,
]


def silenced_by(user_id: int) -> set[int]:
    """Members whose messages this member does not receive: those they blocked or muted."""
    blocked = Block.objects.filter(blocker=user_id).values_list("blocked_id", flat=True)
    muted = Mute.objects.filter(muter=user_id).values_list("muted_id", flat=True)
    return set(blocked) | set(muted)


def silenced_between(sender_id: int, recipient_id: int) -> bool:
    """Whether the recipient has blocked or muted the sender, or the sender blocked them."""
    return (
        Block.objects.filter(
            Q(blocker=recipient_id, blocked=sender_id) | Q(blocker=sender_id, blocked=recipient_id)
        ).exists()
        or Mute.objects.filter(muter=recipient_id, muted=sender_id).exists()
    )


def blocked_either_way(user_id: int, other_id: int) -> bool:
    return Block.objects.filter(
        Q(blocker=user_id, blocked=other_id) | Q(blocker=other_id, blocked=user_id)
    ).exists()


def _published(room_id):
    return (
        ChatMessage.objects.filter(room=room_id, sequence__isnull=False)
        .select_related("author")
        .order_by("sequence")
    )


def messages_after(*, room_id: int, after: int, limit: int) -> list[ChatMessage]:
    """Published messages numbered after `after`, oldest first."""
    return list(_published(room_id).filter(sequence__gt=after)[:limit])


def messages_before(*, room_id: int, before: int | None, limit: int) -> list[ChatMessage]:
    """The page of published messages just before `before` (the newest page if None),
    oldest first."""
    rows = _published(room_id).order_by("-sequence")
    if before is not None:
        rows = rows.filter(sequence__lt=before)
    return list(rows[:limit])[::-1]


def messages_own(*, room_id: int, user_id: int) -> list[ChatMessage]:
    """The member's own messages nobody else sees: being checked, with a Wall Guide,
    or removed (with the guide's reason)."""
    return list(
        ChatMessage.objects.filter(room=room_id, author=user_id, state__in=OWN_NOT_PUBLISHED)
        .select_related("author")
        .order_by("created_at")
    )


def rooms_for(user) -> list[Room]:
    """Rooms the member is in: open buddy chats first, then group rooms."""
    rooms = Room.objects.filter(memberships__user=user).order_by("kind", "title", "pk")
    return sorted(rooms, key=lambda room: room.kind != RoomKind.BUDDY)


def group_rooms_open() -> list[Room]:
    return list(Room.objects.filter(kind=RoomKind.GROUP, is_open=True).order_by("title"))


def room_is_member(*, room_id: int, user_id: int) -> bool:
    return RoomMember.objects.filter(room=room_id, user=user_id).exists()
