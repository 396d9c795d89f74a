"""Chat benchmarks: fan-out in one group room, and buddy matching at scale.

Fan-out: one group room with 200 members connected over loopback WebSockets to one
uvicorn process (the bench settings: PostgreSQL, channels-redis), ten of them sending
20 messages/s between them for 60 s, one reading only ten frames a second. Latency is
from a message's send to its receipt by each other member (the slow one apart); after
the run every client that missed numbers reconnects with `?after=` and replays, then
lost (still missing) and duplicated (received twice live) are counted by sequence.

The server's risk check is the real rules with a model that finds nothing
(`RulesOnlyBackend` below): this measures delivery, not inference, whose cost
`bench_pipeline.py` measures on its own.

Matching: 100,000 synthetic waiting members through the matching core (goal: under
60 s and under 2 GB), no database; it grows with the number of members.
"""

import asyncio
import contextlib
import json
import os
import random
import resource
import statistics
import time

from benchmarks import SETTINGS_MODULE, BenchmarkError, env_int
from benchmarks.database import database_prepare
from benchmarks.http import server_running
from benchmarks.report import Report
from chat.matching import Waiting, propose

MEMBERS = 100_000
CLIENTS = int(os.environ.get("BENCH_CHAT_CLIENTS", "200"))  # fewer, to find the knee
SENDERS = 10
RATE = 20  # messages a second, all senders together
SLOW_READS_PER_SECOND = 10
SERVER_ENV = {
    "HARBOUR_RISK_BACKEND": "benchmarks.bench_chat.RulesOnlyBackend",
    "HARBOUR_CHAT_BURST": "1000",  # the senders send 2 a second each, past a member's limit
    "HARBOUR_CHAT_PER_MINUTE": "100000",
}


class RulesOnlyBackend:
    """The real rules, and a model that finds nothing (for the server under load)."""

    def assess(self, texts):
        from moderation.classifier.assessment import _assessment
        from moderation.classifier.labels import LABELS

        nothing = dict.fromkeys(LABELS, 0.0)
        return [_assessment(text, nothing, None, {}, "rules-bench") for text in texts]

    def assess_rules_only(self, text):
        from moderation.classifier.assessment import assess_rules_only

        return assess_rules_only(text)


# --- Seeding, with Django in this process ------------------------------------------


def _room_with_members(count: int) -> tuple[int, list[str], str]:
    """A fresh group room with `count` members signed in; returns (room id, session
    keys, the session cookie's name)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from accounts.models import User
    from chat.models import Room, RoomKind, RoomMember

    users = []
    for number in range(count):
        user, _ = User.objects.get_or_create(
            email=f"bench-chat-{number}@bench.example",
            defaults={"handle": f"bench-chat-{number}", "password": "!"},
        )
        users.append(user)
    room = Room.objects.create(kind=RoomKind.GROUP, title="Bench fan-out", capacity=count)
    RoomMember.objects.bulk_create([RoomMember(room=room, user=user) for user in users])
    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY], session[HASH_SESSION_KEY] = str(user.pk), user.get_session_auth_hash()
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session.create()
        keys.append(session.session_key)
    return room.pk, keys, settings.SESSION_COOKIE_NAME


# --- The clients --------------------------------------------------------------------


class Client:
    def __init__(self, number: int, slow: bool):
        self.number, self.slow = number, slow
        self.seen: dict[int, int] = {}  # sequence -> times received live
        self.replayed: set[int] = set()
        self.latencies: list[float] = []

    def take(self, frame: dict, sent_at: dict[int, float], replay: bool = False):
        frames = frame["messages"] if frame["type"] == "replay" else [frame]
        for message in frames if frame["type"] in ("replay", "message") else []:
            if replay:
                self.replayed.add(message["sequence"])
                continue
            self.seen[message["sequence"]] = self.seen.get(message["sequence"], 0) + 1
            if not message.get("mine") and "text" in message:
                number = int(message["text"].rsplit(" ", 1)[1])
                self.latencies.append(time.perf_counter() - sent_at[number])


async def _connect(url, key, cookie, origin):
    from websockets.asyncio.client import connect

    return await connect(
        url, additional_headers={"Cookie": f"{cookie}={key}"}, origin=origin, open_timeout=30
    )


async def _read(client, socket, sent_at, state):
    async for raw in socket:
        client.take(json.loads(raw), sent_at)
        if client.slow and not state["draining"]:
            await asyncio.sleep(1 / SLOW_READS_PER_SECOND)


async def _send(sockets, sent_at, seconds):
    started = time.perf_counter()
    for number in range(seconds * RATE):
        delay = started + number / RATE - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        frame = {"type": "send", "client_id": f"m{number}", "text": f"bench message {number}"}
        sent_at[number] = time.perf_counter()
        await sockets[number % SENDERS].send(json.dumps(frame))
    return seconds * RATE


async def _replay(client, url, key, cookie, origin, last, sent_at):
    """Reconnect from the last unbroken number and take what the server replays."""
    upto = 0
    while upto + 1 in client.seen:
        upto += 1
    if upto >= last:
        return
    socket = await _connect(f"{url}?after={upto}", key, cookie, origin)
    async with socket:
        while True:
            frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
            if frame["type"] == "replay":
                client.take(frame, sent_at, replay=True)
                if frame["last_sequence"] >= last:
                    return


async def _fanout(base_url, room_id, keys, cookie, seconds):
    url = base_url.replace("http://", "ws://") + f"/ws/chat/{room_id}/"
    clients = [Client(number, slow=number == CLIENTS - 1) for number in range(CLIENTS)]
    sockets, sent_at, state = [], {}, {"draining": False}
    for first in range(0, CLIENTS, 20):  # in batches, as members arrive
        batch = keys[first : first + 20]
        sockets += await asyncio.gather(*(_connect(url, k, cookie, base_url) for k in batch))
    readers = [
        asyncio.create_task(_read(c, s, sent_at, state))
        for c, s in zip(clients, sockets, strict=True)
    ]
    sent = await _send(sockets, sent_at, seconds)
    state["draining"] = True
    await asyncio.sleep(5)
    for reader, socket in zip(readers, sockets, strict=True):
        reader.cancel()
        await socket.close()
    from asgiref.sync import sync_to_async

    from chat.models import Room

    last = (await sync_to_async(Room.objects.get)(pk=room_id)).last_sequence
    await asyncio.gather(
        *(
            _replay(c, url, k, cookie, base_url, last, sent_at)
            for c, k in zip(clients, keys, strict=True)
        )
    )
    return clients, sent, last


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def fanout_report(clients, sent, last, seconds) -> Report:
    fast = [c for c in clients if not c.slow]
    latencies = [value for c in fast for value in c.latencies]
    if not latencies:
        raise BenchmarkError("No message reached any member: see the server's log above.")
    expected = set(range(1, last + 1))
    missed_live = sum(len(expected - set(c.seen)) for c in clients)
    lost = sum(len(expected - set(c.seen) - c.replayed) for c in clients)
    duplicated = sum(times - 1 for c in clients for times in c.seen.values())
    slow = clients[-1]
    row = [
        f"{CLIENTS} clients, {RATE}/s, {seconds} s", f"{sent:,}", f"{last:,}",
        f"{_percentile(latencies, .5):.1f}", f"{_percentile(latencies, .95):.1f}",
        f"{_percentile(latencies, .99):.1f}", f"{missed_live:,}", str(lost), str(duplicated),
    ]  # fmt: skip
    return Report(
        title="Chat fan-out: one group room (chat/consumers.py over channels-redis)",
        columns=[
            "load",
            "sent",
            "published",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "missed live",
            "lost",
            "duplicated",
        ],  # fmt: skip
        rows=[row],
        notes=[
            "latency: send to receipt by each other member, the slow client apart; goal "
            "p95 < 100 ms, p99 < 250 ms, zero lost and zero duplicated (after replay)",
            f"slow client ({SLOW_READS_PER_SECOND} frames/s until the sending stopped): "
            f"{len(slow.seen):,} live, {len(slow.replayed - set(slow.seen)):,} by replay, "
            f"p50 {statistics.median(slow.latencies) * 1000 if slow.latencies else 0:.0f} ms",
        ],
    )


@contextlib.contextmanager
def _environ(values: dict):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)


def fanout_run() -> Report:
    seconds = env_int("BENCH_CHAT_SECONDS", 60)
    database_prepare()
    room_id, keys, cookie = _room_with_members(CLIENTS)
    with _environ(SERVER_ENV), server_running() as server:
        clients, sent, last = asyncio.run(_fanout(server.url(""), room_id, keys, cookie, seconds))
    return fanout_report(clients, sent, last, seconds)


# --- Matching ---------------------------------------------------------------------


def _waiting(rng) -> list[Waiting]:
    return [
        Waiting(
            id=number,
            age=rng.randint(16, 70),
            interests=sum(1 << bit for bit in rng.sample(range(14), rng.randint(1, 4))),
            utc_offset_minutes=rng.choice([-300, 0, 60, 330, 600]),
            support=rng.choice(["listening", "routine", "company", "hard_time"]),
            age_min=16,
            age_max=99,
            places=rng.randint(1, 3),
        )  # fmt: skip
        for number in range(MEMBERS)
    ]


def matching_note() -> str:
    members = _waiting(random.Random(6))
    started = time.perf_counter()
    pairs = propose(members, set(), max_gap=5)
    took = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return (
        f"Buddy matching (chat/matching.py): {MEMBERS:,} members, {len(pairs):,} pairs "
        f"proposed in {took:.1f} s, peak {peak_mb} MB (goal: under 60 s and 2,048 MB)"
    )


def run() -> Report:
    """The fan-out table, with matching's figures below it (BENCH_CHAT_MATCHING=0 skips them)."""
    report = fanout_run()
    if env_int("BENCH_CHAT_MATCHING", 1, minimum=0):
        report.notes.append(matching_note())
    return report
