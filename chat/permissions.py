"""Who may join, read and write in which room. Each check raises PermissionDenied
with words a person can act on; consumers and views call them on every action."""

from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from chat.models import Room, RoomKind, RoomMember
from chat.selectors import silenced_between

CLINICIANS = {Role.GUIDE, Role.LEAD}


def _is_facilitator(user, room) -> bool:
    return room.facilitator_id == user.pk and user.role in CLINICIANS


def check_room_read(user, room: Room) -> None:
    """Connect to a room and read it: its members, and a group room's facilitator."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Please sign in to chat.")
    if _is_facilitator(user, room):
        return
    if user.role != Role.MEMBER:
        raise PermissionDenied("This room is for members.")
    if not RoomMember.objects.filter(room=room, user=user).exists():
        raise PermissionDenied("Join this room to take part.")


def check_message_send(user, room: Room) -> None:
    """Write in a room: able to read it, the room open, and in a buddy room, the
    other buddy has not blocked or muted you (they are not told, and neither are you)."""
    check_room_read(user, room)
    if not room.is_open:
        raise PermissionDenied("This chat has ended. Nothing more can be sent here.")
    if room.kind == RoomKind.BUDDY:
        others = RoomMember.objects.filter(room=room).exclude(user=user).values_list("user_id")
        if any(silenced_between(user.pk, other_id) for (other_id,) in others):
            raise PermissionDenied("This chat has ended. Nothing more can be sent here.")


def check_room_join(user, room: Room) -> None:
    """Join a group room: members only, while it is open and has space."""
    if room.kind != RoomKind.GROUP or not room.is_open or user.role != Role.MEMBER:
        raise PermissionDenied("This room can't be joined.")
    if RoomMember.objects.filter(room=room).count() >= room.capacity:
        raise PermissionDenied("This room is full just now. Please try again later.")


def check_room_manage(user, room: Room) -> None:
    """Change a group room's settings from its page: its facilitating guide (staff use
    the admin)."""
    if room.kind != RoomKind.GROUP or not _is_facilitator(user, room):
        raise PermissionDenied("Only this room's facilitating Wall Guide can change that.")
