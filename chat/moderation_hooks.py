"""How moderation shows, hides and describes chat messages (the moderatable protocol).

Publishing gives the message the room's next sequence number and sends it to the
room once the decision commits. A message published after a guide's review (or
after a re-check) is marked delayed, so the room can tell it arrived late.
"""

from django.urls import reverse
from django.utils import timezone

from chat.events import member_send_on_commit, message_payload, own_payload, room_send_on_commit
from chat.models import MESSAGE_MAX, BuddyCheckIn, ChatMessage
from chat.services import sequence_next
from moderation import registry
from moderation.pipeline import case_open_for


class ChatMessageHandler:
    context_messages = 5

    def kind(self, message):
        return "chat message"

    def text(self, message):
        return message.body

    def publish(self, message):
        first_time = message.sequence is None
        message.public_body = message.body
        message.is_public = True
        message.published_at = message.published_at or timezone.now()
        if first_time:
            # Only a held message has a case open while it is published.
            message.delayed = case_open_for(message) is not None
            message.sequence = sequence_next(room_id=message.room_id)
        message.save()
        kind = "chat.message" if first_time else "chat.shown"
        room_send_on_commit(message.room_id, kind, message=message_payload(message))

    def hide(self, message):
        message.is_public = False
        message.save(update_fields=["is_public"])
        if message.sequence is not None:
            room_send_on_commit(message.room_id, "chat.hidden", sequence=message.sequence)

    def after_decision(self, item, *, approved, message):
        # The sender's open pages learn at once; a removal shows the guide's reason.
        item.decision_note = message
        item.save(update_fields=["decision_note"])
        member_send_on_commit(item.author_id, "chat.own", message=own_payload(item))

    def location(self, message):
        return str(message.room)

    def url(self, message):
        return reverse("chat_room", args=[message.room_id]) + f"#message-{message.pk}"

    def related(self):
        return ["room"]

    def context(self, message):
        earlier = (
            ChatMessage.objects.filter(
                room=message.room_id, is_public=True, created_at__lt=message.created_at
            )
            .select_related("author")
            .order_by("-sequence")[: self.context_messages]
        )
        return [
            {"who": shown.author.handle, "text": shown.public_body, "when": shown.created_at}
            for shown in reversed(earlier)
        ]

    def redact(self, message, text):
        if not text.strip() or len(text) > MESSAGE_MAX:
            raise ValueError(f"The edited message needs between 1 and {MESSAGE_MAX} characters.")
        message.body = text.replace("\r\n", "\n")
        message.save(update_fields=["body"])


class BuddyCheckInHandler:
    """A buddy check-in's answer is private: publishing it shows it to nobody, and a
    guide reads it only in the case a worrying answer opens. Private: nothing of it
    leaves moderation, not even as a training label."""

    private = True

    def kind(self, checkin):
        return "buddy check-in"

    def text(self, checkin):
        return checkin.answer

    def publish(self, checkin):
        pass  # nothing to show: a reassuring answer is simply kept

    def hide(self, checkin):
        pass

    def after_decision(self, checkin, *, approved, message):
        pass  # the member was thanked when they answered; a guide reaches out in person

    def location(self, checkin):
        return "a private buddy check-in"

    def url(self, checkin):
        return reverse("buddy_home")

    def related(self):
        return []


def register():
    registry.register(ChatMessage, ChatMessageHandler())
    registry.register(BuddyCheckIn, BuddyCheckInHandler())
