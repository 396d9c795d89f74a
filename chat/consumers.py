"""The chat WebSocket: authenticate, check access, join groups, hand work to services.

Connect to /ws/chat/<room>/?after=N with the last sequence number seen (none for
the newest page). The server sends everything after N, in order, then live
messages, each exactly once: it keeps the number it has delivered up to, skips
repeats and fetches any gap from the database before going on.
"""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from redis.exceptions import TimeoutError as RedisTimeout

from chat import frames
from chat.delivery import message_post
from chat.events import member_group, own_payload
from chat.fanout import room_hub
from chat.presence import RoomPresence, presence_check
from chat.ratelimits import ChatRateLimited
from chat.services import MessageRefused
from moderation.served import served_record

UNAUTHENTICATED, FORBIDDEN = 4401, 4403


class RoomConsumer(AsyncJsonWebsocketConsumer):
    left = False

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        except RedisTimeout:
            # Once the member has gone, Channels cancels the read on this connection's
            # channel, and redis-py can report that cancel as a timeout: not an error.
            if not self.left:
                raise

    async def connect(self):
        self.user = self.scope["user"]
        self.room_id = int(self.scope["url_route"]["kwargs"]["room_id"])
        if not self.user.is_authenticated:
            return await self.close(code=UNAUTHENTICATED)
        try:
            self.silenced = await frames.connect_check(user=self.user, room_id=self.room_id)
        except (PermissionDenied, ObjectDoesNotExist):
            return await self.close(code=FORBIDDEN)
        # The member's own events come on this connection's channel; the room's come
        # through the process's one subscription to it (chat.fanout).
        self.groups = [member_group(self.user.pk)]
        await self.channel_layer.group_add(self.groups[0], self.channel_name)
        self.listener = await room_hub().join(self.room_id, self)
        await self.accept()
        shown, visible = await presence_check(user=self.user, room_id=self.room_id)
        self.presence = RoomPresence(self, shown=shown, visible=visible)
        self.delivered_upto = await self._catch_up(_after(self.scope["query_string"]))
        self.listener.start()
        async with self.listener.turn:  # who is here goes out before later changes to it
            await self.presence.start()

    async def disconnect(self, code):
        self.left = True
        if getattr(self, "presence", None) is not None:
            self.presence.halt()
        if getattr(self, "listener", None) is not None:
            await room_hub().leave(self.room_id, self)
            self.listener = None
        if getattr(self, "presence", None) is not None:
            # After the room is left: a presence entry left behind only expires.
            await self.presence.stop()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # A binary frame or broken JSON gets the plain answer any unknown request
        # gets, and the connection stays open; channels would raise and drop it.
        try:
            content = await self.decode_json(text_data) if text_data else None
        except (ValueError, RecursionError):  # JSONDecodeError; nesting too deep
            content = None
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "send":
            # Room events wait meanwhile, so the sender has the ack before their message.
            async with self.listener.turn:
                await self._message_send(content)
        elif kind == "typing":
            await self.presence.typing()  # no words travel with it: nothing to check or keep
        elif kind == "history":
            await self.send_json(await frames.history(self.room_id, content.get("before"), self))
        else:
            await self.send_json({"type": "error", "reason": "Unknown request."})

    async def _message_send(self, content):
        client_id, text = str(content.get("client_id", "")), str(content.get("text", ""))
        try:
            message = await message_post(
                room_id=self.room_id, sender=self.user, client_id=client_id, text=text
            )
        except (MessageRefused, PermissionDenied, ChatRateLimited) as error:
            refusal = {"type": "refused", "client_id": client_id, "reason": str(error)}
            if isinstance(error, ChatRateLimited):
                refusal["retry_after"] = error.retry_after_seconds
            return await self.send_json(refusal)
        await self.send_json({"type": "ack", **own_payload(message)})

    async def _catch_up(self, after) -> int:
        return await frames.catch_up(self, after)

    # Events from the room (through chat.fanout) and from the channel layer (chat.events).

    async def room_event(self, event):
        handler = ROOM_HANDLERS.get(event.get("type"))
        if handler is not None:
            await handler(self, event)

    async def chat_message(self, event):
        sequence = event["message"]["sequence"]
        if sequence <= self.delivered_upto:
            return  # already sent, by the catch-up or a gap fill
        if sequence > self.delivered_upto + 1:
            self.delivered_upto = await self._catch_up(self.delivered_upto)
            return
        await self.send(text_data=frames.message_text(event, self))
        self.delivered_upto = sequence

    async def chat_shown(self, event):
        message = event["message"]
        if message["sequence"] <= self.delivered_upto:
            await self.send_json({**frames.message_frame(message, self), "type": "shown"})
            if message["author_id"] not in (self.user.pk, *self.silenced):
                served_record(kind="chat", viewer_id=self.user.pk, item_ids=[message["id"]])

    async def chat_hidden(self, event):
        await self.send_json({"type": "hidden", "sequence": event["sequence"]})

    async def chat_own(self, event):
        await self.send_json({"type": "own", **event["message"]})

    async def chat_silenced(self, event):
        self.silenced = await database_sync_to_async(frames.silenced_by)(self.user.pk)
        await self.presence.silenced_changed()

    async def chat_presence(self, event):
        await self.presence.heard_change(event)

    async def chat_typing(self, event):
        await self.presence.heard_typing(event)

    async def chat_presence_setting(self, event):
        await self.presence.heard_setting(event)

    async def chat_closed(self, event):
        await self.send_json({"type": "closed", "reason": "This chat has ended."})


ROOM_HANDLERS = {
    "chat.message": RoomConsumer.chat_message,
    "chat.shown": RoomConsumer.chat_shown,
    "chat.hidden": RoomConsumer.chat_hidden,
    "chat.closed": RoomConsumer.chat_closed,
    "chat.presence": RoomConsumer.chat_presence,
    "chat.typing": RoomConsumer.chat_typing,
    "chat.presence_setting": RoomConsumer.chat_presence_setting,
}


def _after(query_string: bytes) -> int | None:
    values = parse_qs(query_string.decode("latin-1")).get("after", [])
    try:
        return max(0, int(values[0])) if values else None
    except ValueError:
        return None
