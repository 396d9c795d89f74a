"""Who is in a group room just now, by handle, and who is typing.

Nothing of this touches the database. Presence is one sorted set per room in Redis
(a dict in the embedded default): an entry per open connection, scored by the time
it expires. Each connection renews its entry every HARBOUR_CHAT_PRESENCE_HEARTBEAT
seconds; the entries of a web process that died are not renewed, and the next
heartbeat of anyone still in the room sweeps them once HARBOUR_CHAT_PRESENCE_TTL has
passed and tells the room. A member with several tabs open is one handle.

Typing is an event with no words in it: relayed to the room at most once per
HARBOUR_CHAT_TYPING_INTERVAL per member (a key that expires, the only thing kept),
and shown by browsers for HARBOUR_CHAT_TYPING_SHOWN seconds. It is never stored and
never checked (there is nothing to check).

Only group rooms with `show_presence` on have any of it. A member who is paused or
suspended from posting is neither listed nor relayed as typing; each browser hears
nothing of the members it has blocked or muted (chat.consumers filters per member).
"""

import asyncio
import json
import logging
import time
import weakref
from typing import NamedTuple

import redis.asyncio as redis
from channels.db import database_sync_to_async
from django.conf import settings

from chat.events import room_group
from chat.fanout import _raise_if_cancelling
from chat.models import Room
from config.async_redis import OPTIONS as ASYNC_REDIS_OPTIONS
from moderation.selectors import posting_blocked

log = logging.getLogger(__name__)

Here = dict[int, str]  # user id -> handle, of each member present (once, however many tabs)


class Change(NamedTuple):
    """What one update did: who arrived, who went, and who is here now."""

    joined: Here
    left: Here
    here: Here


def _entry(user_id: int, handle: str, connection: str) -> str:
    return json.dumps([user_id, handle, connection])


def _members(entries) -> Here:
    people = {}
    for raw in entries:
        user_id, handle, _ = json.loads(raw)
        people[user_id] = handle
    return people


def _change(before: Here, after: Here) -> Change:
    joined = {user_id: handle for user_id, handle in after.items() if user_id not in before}
    left = {user_id: handle for user_id, handle in before.items() if user_id not in after}
    return Change(joined, left, after)


class RedisPresence:
    """Presence across every web process, in the Redis the cache uses."""

    def __init__(self, url: str, prefix: str):
        self.redis = redis.Redis.from_url(url, **ASYNC_REDIS_OPTIONS)
        self.prefix = f"{prefix}:chat"

    async def update(self, room_id: int, entry: str, *, here: bool, ttl: float) -> Change:
        """Add or renew `entry` (here=True) or take it out, sweeping expired entries in
        the same transaction."""
        key, now = f"{self.prefix}:presence:{room_id}", time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrange(key, 0, -1)
            pipe.zremrangebyscore(key, "-inf", now)
            if here:
                pipe.zadd(key, {entry: now + ttl})
                pipe.expire(key, int(ttl) + 1)
            else:
                pipe.zrem(key, entry)
            pipe.zrange(key, 0, -1)
            results = await pipe.execute()
        return _change(_members(results[0]), _members(results[-1]))

    async def typing_allowed(self, room_id: int, user_id: int, interval: float) -> bool:
        key = f"{self.prefix}:typing:{room_id}:{user_id}"
        return bool(await self.redis.set(key, 1, nx=True, px=max(1, int(interval * 1000))))


class MemoryPresence:
    """The embedded default's presence: one process, so a dict does."""

    def __init__(self):
        self.rooms: dict[int, dict[str, float]] = {}
        self.typing: dict[tuple[int, int], float] = {}

    async def update(self, room_id: int, entry: str, *, here: bool, ttl: float) -> Change:
        now = time.time()
        room = self.rooms.setdefault(room_id, {})
        before = _members(room)
        for stale in [key for key, expires in room.items() if expires <= now]:
            del room[stale]
        if here:
            room[entry] = now + ttl
        else:
            room.pop(entry, None)
        return _change(before, _members(room))

    async def typing_allowed(self, room_id: int, user_id: int, interval: float) -> bool:
        now = time.time()
        if self.typing.get((room_id, user_id), 0) > now:
            return False
        self.typing[(room_id, user_id)] = now + interval
        return True


_memory = MemoryPresence()
_stores: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RedisPresence]" = (
    weakref.WeakKeyDictionary()
)


def presence_store():
    """The store for the running event loop (Redis connections belong to one loop)."""
    if not settings.REDIS_URL:
        return _memory
    loop = asyncio.get_running_loop()
    store = _stores.get(loop)
    if store is None:
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "harbour")
        store = _stores[loop] = RedisPresence(settings.REDIS_URL, prefix)
    return store


def presence_entry(*, user_id: int, handle: str, connection: str) -> str:
    """One connection's entry in its room's presence."""
    return _entry(user_id, handle, connection)


def _handles(people: Here, me: int, silenced: set[int]) -> list[str]:
    return sorted(
        (handle for user_id, handle in people.items() if user_id != me and user_id not in silenced),
        key=str.lower,
    )


def presence_frame(here: Here, *, me: int, silenced: set[int]) -> dict:
    """Who else is here, as one member's browser is told: handles only, without them
    and without anyone they blocked or muted."""
    return {"type": "presence", "shown": True, "here": _handles(here, me, silenced)}


def _people(pairs) -> Here:
    # Events travel through the channel layer as lists of [user id, handle].
    return {int(user_id): handle for user_id, handle in pairs}


def typing_frame(event: dict, *, me: int, silenced: set[int]) -> dict | None:
    if event["user_id"] == me or event["user_id"] in silenced:
        return None
    return {"type": "typing", "who": event["handle"], "for_seconds": event["for_seconds"]}


@database_sync_to_async
def presence_check(*, user, room_id: int) -> tuple[bool, bool]:
    """(whether the room shows presence, whether this member may be seen in it)."""
    shown = Room.objects.only("kind", "show_presence").get(pk=room_id).presence_on
    return shown, shown and not posting_blocked(user)


class RoomPresence:
    """One connection's part in its room's presence: its entry and heartbeat, the
    frames its browser is sent, and the typing it relays."""

    def __init__(self, consumer, *, shown: bool, visible: bool):
        self.consumer, self.shown, self.visible = consumer, shown, visible
        user = consumer.user
        self.entry = presence_entry(
            user_id=user.pk, handle=user.handle, connection=consumer.channel_name
        )
        self.here: Here = {}  # everyone present, as this connection last heard
        self.told: set[str] | None = None  # the handles its browser has
        self.beat: asyncio.Task | None = None

    async def start(self) -> None:
        """Enter the room's presence (telling the room if that brings someone new),
        send the browser who is here, and keep the entry fresh."""
        if not self.shown:
            return
        await self._update(here=self.visible)
        await self._tell()
        self.beat = asyncio.create_task(self._heartbeat())

    def halt(self) -> None:
        """Stop renewing the entry (first thing on disconnect: nothing of the
        connection should outlive it)."""
        if self.beat is not None:
            self.beat.cancel()

    async def stop(self, *, announce: bool = True) -> None:
        if self.beat is not None:
            self.beat.cancel()
            await asyncio.wait([self.beat], timeout=2)
            self.beat = None
        if self.shown and self.visible:
            try:
                await self._update(here=False, announce=announce)
            except Exception:  # the entry expires by itself; leaving the room goes on
                log.warning("chat: leaving presence in room %s failed", self.consumer.room_id)

    async def typing(self) -> None:
        """The member is typing: tell the room, unless they were relayed a moment ago."""
        if not (self.shown and self.visible):
            return
        room_id, user = self.consumer.room_id, self.consumer.user
        interval = settings.HARBOUR_CHAT_TYPING_INTERVAL
        if not await presence_store().typing_allowed(room_id, user.pk, interval):
            return
        if await database_sync_to_async(posting_blocked)(user):  # paused since connecting
            await self.stop()
            self.visible = False
            return
        event = {"type": "chat.typing", "user_id": user.pk, "handle": user.handle,
                 "for_seconds": settings.HARBOUR_CHAT_TYPING_SHOWN}  # fmt: skip
        await self.consumer.channel_layer.group_send(room_group(room_id), event)

    # Room events, from chat.consumers.

    async def heard_change(self, event: dict) -> None:
        """Someone arrived or went: tell the browser just that. Every connection in the
        room hears every change, so this looks only at the people in the event, not
        the whole room (200 arrivals in a 200-member room are 40,000 of these)."""
        if not self.shown:
            return
        left, joined = _people(event["left"]), _people(event["joined"])
        for user_id in left:
            self.here.pop(user_id, None)
        self.here.update(joined)
        if self.told is None:
            return await self._tell()
        me, silenced = self.consumer.user.pk, self.consumer.silenced

        def seen(people):
            return {h for user_id, h in people.items() if user_id != me and user_id not in silenced}

        went, came = seen(left) & self.told, seen(joined) - self.told
        if went or came:
            self.told = (self.told - went) | came
            frame = {"type": "presence", "shown": True, "joined": sorted(came, key=str.lower),
                     "left": sorted(went, key=str.lower)}  # fmt: skip
            await self.consumer.send_json(frame)

    async def heard_typing(self, event: dict) -> None:
        frame = typing_frame(event, me=self.consumer.user.pk, silenced=self.consumer.silenced)
        if self.shown and frame is not None:
            await self.consumer.send_json(frame)

    async def heard_setting(self, event: dict) -> None:
        """Staff or the facilitator turned presence on or off for the room."""
        if event["show"] == self.shown:
            return
        if self.shown:
            await self.stop(announce=False)
            self.shown, self.told, self.here = False, None, {}
            await self.consumer.send_json({"type": "presence", "shown": False})
        else:
            self.shown = True
            await self.start()

    async def silenced_changed(self) -> None:
        if self.shown:
            await self._tell()

    async def _tell(self) -> None:
        """Bring the browser's list up to date: the whole list the first time, then who
        arrived and who went (nothing if nobody it sees did)."""
        me, silenced = self.consumer.user.pk, self.consumer.silenced
        frame = presence_frame(self.here, me=me, silenced=silenced)
        told, handles = self.told, frame["here"]
        self.told = set(handles)
        if told is None:
            return await self.consumer.send_json(frame)
        joined = [handle for handle in handles if handle not in told]
        left = sorted(told - self.told, key=str.lower)
        if joined or left:
            frame = {"type": "presence", "shown": True, "joined": joined, "left": left}
            await self.consumer.send_json(frame)

    async def _update(self, *, here: bool, announce: bool = True) -> None:
        room_id = self.consumer.room_id
        change = await presence_store().update(
            room_id, self.entry, here=here, ttl=settings.HARBOUR_CHAT_PRESENCE_TTL
        )
        self.here = dict(change.here)
        if (change.joined or change.left) and announce:
            event = {"type": "chat.presence", "joined": list(change.joined.items()),
                     "left": list(change.left.items())}  # fmt: skip
            await self.consumer.channel_layer.group_send(room_group(room_id), event)

    async def _heartbeat(self) -> None:
        """Renew this connection's entry; sweep, and tell the room of, anyone whose
        process died; and set the browser right if it missed a change."""
        while True:
            await asyncio.sleep(settings.HARBOUR_CHAT_PRESENCE_HEARTBEAT)
            try:
                await self._update(here=self.visible)
                listener = self.consumer.listener
                if listener is None:  # the connection is closing
                    return
                async with listener.turn:
                    await self._tell()
            except Exception:
                _raise_if_cancelling()
                log.warning("chat: renewing presence in room %s failed", self.consumer.room_id)
