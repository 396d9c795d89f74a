"""One subscription to each room per web process, not one per member.

A message published to a room of 200 members used to be 200 copies in Redis, 200
pops and 200 trips through Channels' dispatch (which hops to a thread to close old
database connections, every time). Now each web process adds one channel of its
own to the room's group and hands every event to its connected members in memory.

Each member's connection has a bounded queue drained by a task of its own, so a
member on a slow connection falls behind alone: when their queue is full, events
are dropped for them, and the next message's number shows the gap, which the
consumer fills from the database (exactly as when a channel-layer channel was full).
"""

import asyncio
import contextlib
import logging
import weakref

from channels.layers import get_channel_layer

from chat.events import room_group

log = logging.getLogger(__name__)

# Room events a connection may fall behind by before they are dropped for it.
QUEUE_LIMIT = 100
# Group memberships expire in Redis (channels-redis: a day); renew well before.
GROUP_RENEW_SECONDS = 3600
# How long leaving the last member waits for the room's reader to stop.
STOP_SECONDS = 2.0


class Listener:
    """One connection's room events, handed to its consumer in order."""

    def __init__(self, consumer):
        self.consumer = consumer
        self.queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_LIMIT)
        self.task: asyncio.Task | None = None
        # Held while the consumer handles something of its own, so events and its
        # own replies go out in the order they happened, as in one Channels consumer.
        self.turn = asyncio.Lock()

    def offer(self, event: dict) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(event)

    def start(self) -> None:
        """Begin delivering: called once the consumer has caught up from the database,
        so events that arrived meanwhile wait in the queue, in order."""
        self.task = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        while True:
            event = await self.queue.get()
            try:
                async with self.turn:
                    await self.consumer.room_event(event)
            except OSError:  # the browser has gone (uvicorn's ClientDisconnected)
                _raise_if_cancelling()
                return  # nothing more can reach it; its disconnect stops the listener
            except Exception:
                _raise_if_cancelling()
                log.exception("chat: delivering a room event to one connection failed")


class _Room:
    def __init__(self, room_id: int, channel: str):
        self.room_id = room_id
        self.channel = channel
        self.listeners: dict[object, Listener] = {}
        self.tasks: list[asyncio.Task] = []
        # Set when the room is left: its tasks stop even if a library swallowed their cancel.
        self.left = False


class RoomHub:
    """This process's subscriptions, for one event loop."""

    def __init__(self, layer):
        self.layer = layer
        self.rooms: dict[int, _Room] = {}
        self.lock = asyncio.Lock()

    async def join(self, room_id: int, consumer) -> Listener:
        async with self.lock:
            room = self.rooms.get(room_id)
            if room is None:
                room = await self._subscribe(room_id)
            listener = room.listeners[consumer] = Listener(consumer)
        return listener

    async def leave(self, room_id: int, consumer) -> None:
        async with self.lock:
            room = self.rooms.get(room_id)
            listener = room.listeners.pop(consumer, None) if room else None
            if listener is not None and listener.task is not None:
                listener.task.cancel()
            if room is not None and not room.listeners:
                await self._unsubscribe(room)

    async def _subscribe(self, room_id: int) -> _Room:
        channel = await self.layer.new_channel()
        await self.layer.group_add(room_group(room_id), channel)
        room = self.rooms[room_id] = _Room(room_id, channel)
        room.tasks = [
            asyncio.create_task(self._read(room)),
            asyncio.create_task(self._renew(room)),
        ]
        return room

    async def _unsubscribe(self, room: _Room) -> None:
        del self.rooms[room.room_id]
        room.left = True
        await _stop(room.tasks)
        await self.layer.group_discard(room_group(room.room_id), room.channel)

    async def _read(self, room: _Room) -> None:
        while not room.left:
            try:
                event = await self.layer.receive(room.channel)
            except Exception:
                _raise_if_cancelling()
                if room.left:  # the cancel came back as another error, and uncancelled
                    return
                log.exception("chat: reading room %s from the channel layer failed", room.room_id)
                await asyncio.sleep(1)
                continue
            for listener in list(room.listeners.values()):
                listener.offer(event)

    async def _renew(self, room: _Room) -> None:
        while not room.left:
            await asyncio.sleep(GROUP_RENEW_SECONDS)
            try:
                await self.layer.group_add(room_group(room.room_id), room.channel)
            except Exception:
                _raise_if_cancelling()
                log.warning("chat: renewing room %s's subscription failed", room.room_id)


async def _stop(tasks: list[asyncio.Task]) -> None:
    """Cancel the tasks and wait for them, cancelling again while they run on: a
    library may swallow a cancel (redis-py under a socket timeout did, see
    config/async_redis.py), and the reader would then wait in channels-redis for a
    message that never comes. Gives up after STOP_SECONDS."""
    loop, pending = asyncio.get_running_loop(), set(tasks)
    deadline = loop.time() + STOP_SECONDS
    while pending and loop.time() < deadline:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=0.1)
    if pending:
        log.warning("chat: a room's reader did not stop within %s s", STOP_SECONDS)


def _raise_if_cancelling() -> None:
    """Re-raise a cancellation that a library turned into another error on the way
    (redis-py reports a cancelled blocking read as a TimeoutError): a task that
    swallowed it would run on after its room was left, and block its loop's close."""
    if asyncio.current_task().cancelling():
        raise asyncio.CancelledError


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RoomHub]" = weakref.WeakKeyDictionary()


def room_hub() -> RoomHub:
    """The hub of the running event loop (a server has one; tests make several)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub(get_channel_layer())
    return hub
