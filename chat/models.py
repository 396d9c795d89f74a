"""Chat: rooms, their members, messages (moderated before delivery) and blocks.

Buddy profiles and matches live in chat/models_buddies.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from moderation.models import Moderated

MESSAGE_MAX = 2000


class RoomKind(models.TextChoices):
    GROUP = "group", "Group support room"
    BUDDY = "buddy", "Buddy chat"


class Room(models.Model):
    """A group support room, or a one-to-one room between two buddies.

    `last_sequence` is the number of the room's newest published message; it moves
    only under a row lock (chat.delivery.sequence_next), so numbers have no gaps.
    """

    kind = models.CharField(max_length=8, choices=RoomKind.choices)
    title = models.CharField(max_length=120, blank=True)
    topic = models.CharField(max_length=300, blank=True)
    schedule = models.CharField(
        max_length=200, blank=True, help_text='Optional, e.g. "Tuesdays 19:00–20:30 UK time".'
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"role__in": ["guide", "lead"]},
    )
    capacity = models.PositiveSmallIntegerField(default=30)
    is_open = models.BooleanField(default=True)
    # Group rooms only: members see who else is here (by handle) and who is typing.
    show_presence = models.BooleanField(
        "Show who is here and who is typing",
        default=True,
        help_text="Group rooms only: members see each other's handles while connected, "
        "and “… is typing”. Turn off for rooms where simply being seen could worry people.",
    )
    last_sequence = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.title or f"Buddy chat {self.pk}"

    @property
    def is_buddy(self) -> bool:
        return self.kind == RoomKind.BUDDY

    @property
    def presence_on(self) -> bool:
        """Whether members see who is here and who is typing: never in a buddy chat."""
        return self.kind == RoomKind.GROUP and self.show_presence


class RoomMember(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="one_room_membership")]


class ChatMessage(Moderated):
    """One message. Nobody but its author sees it until the risk check publishes it;
    then it gets the room's next sequence number.

    `client_id` is the sender's own id for the message: a resend with the same id
    finds this row instead of making another.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    client_id = models.CharField(max_length=64)
    body = models.TextField(max_length=MESSAGE_MAX)
    public_body = models.TextField(blank=True)  # the published words (a guide may redact)
    sequence = models.PositiveBigIntegerField(null=True, blank=True)
    delayed = models.BooleanField(default=False)  # published after a Wall Guide's review
    # What a guide told the author when they decided on it (the reason for a removal).
    decision_note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["room", "author", "client_id"], name="one_message_per_client_id"
            ),
            models.UniqueConstraint(
                fields=["room", "sequence"],
                condition=Q(sequence__isnull=False),
                name="one_message_per_sequence",
            ),
        ]
        indexes = [models.Index(fields=["room", "author", "state"])]

    def __str__(self):
        return f"Chat message {self.pk}"


class Block(models.Model):
    """The blocker no longer hears from the blocked member, in any room, and is never
    matched with them. The blocked member is not told."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_chat_block"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="no_self_chat_block"
            ),
        ]


from chat.models_buddies import (  # noqa: E402  (Django finds models in this module)
    BuddyCheckIn,
    BuddyMatch,
    BuddyProfile,
    Diagnosis,
    InterestCategory,
    MatchState,
    SupportKind,
)

__all__ = [
    "Block", "BuddyCheckIn", "BuddyMatch", "BuddyProfile", "ChatMessage", "Diagnosis",
    "InterestCategory", "MatchState", "Room", "RoomKind", "RoomMember", "SupportKind",
]  # fmt: skip
