"""Rooms, members in them, and WebSocket clients talking to the real Redis channel layer."""

import json
import uuid

import pytest
from channels.layers import channel_layers
from channels.routing import URLRouter

from chat.models import Room, RoomKind, RoomMember
from config.websocket_urls import websocket_urlpatterns
from tests.chat.communicator import WebsocketCommunicator
from tests.factories import UserFactory

QUIET = 0.3  # seconds a client waits to be sure nothing more arrives


@pytest.fixture(autouse=True)
def _channel_layer_per_test():
    # channels-redis keeps receive state (a lock, a count of readers) on the layer object
    # and expects one event loop, as in a server; each test here runs its own loop, and
    # a read cancelled in one must not reach the next.
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def carol(db):
    return UserFactory(handle="carol-finch", email="carol@example.com")


@pytest.fixture
def group_room(db, member, other_member):
    # Presence off: these tests count every frame; test_presence.py has it on.
    room = Room.objects.create(
        kind=RoomKind.GROUP, title="Evening check-in", capacity=10, show_presence=False
    )
    for user in (member, other_member):
        RoomMember.objects.create(room=room, user=user)
    return room


@pytest.fixture
def buddy_room(db, member, other_member):
    room = Room.objects.create(kind=RoomKind.BUDDY)
    for user in (member, other_member):
        RoomMember.objects.create(room=room, user=user)
    return room


@pytest.fixture
def verdict(settings):
    """Set what the stand-in risk check decides: "publish", "review", "escalate", "fail"."""

    def _verdict(decision):
        settings.HARBOUR_FAKE_RISK_DECISION = decision

    return _verdict


def ws(user, room, *, after=None):
    """A WebSocket client for `user` in `room`, as AuthMiddlewareStack would leave it."""
    query = "" if after is None else f"?after={after}"
    client = WebsocketCommunicator(URLRouter(websocket_urlpatterns), f"/ws/chat/{room.pk}/{query}")
    client.scope["user"] = user
    return client


async def connected(user, room, *, after=None):
    """Connect and read the catch-up; returns (client, replay frame)."""
    client = ws(user, room, after=after)
    ok, code = await client.connect(timeout=5)  # a busy test machine can take over 1 s
    assert ok, f"refused with {code}"
    return client, await next_of(client, "replay")


async def next_of(client, kind, timeout=3.0):
    """The next frame of this type, failing on any other type first."""
    frame = await client.receive_json_from(timeout=timeout)
    assert frame["type"] == kind, frame
    return frame


async def send(client, text, client_id=None):
    client_id = client_id or str(uuid.uuid4())
    await client.send_json_to({"type": "send", "client_id": client_id, "text": text})
    return client_id


async def received_nothing(client, wait=QUIET) -> bool:
    # receive_nothing, unlike a timed-out receive, leaves the consumer running.
    if await client.receive_nothing(timeout=wait):
        return True
    pytest.fail(f"unexpected frame: {json.loads(await client.receive_from())}")
