"""One fault run: members submit posts and chat messages to a real ASGI server while
the worker is killed, Redis restarted and database connections terminated; then the
promises are checked against the database and the server's served log.
"""

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.test import Client

from chat.models import ChatMessage, Room, RoomKind, RoomMember
from community.models import Post
from community.services.threads import thread_create
from moderation.models import CaseState, HeldReason, ReviewCase, RiskAssessment
from moderation.served import served_read
from moderation.services import case_approve, case_open_for
from moderation.states import ModerationState
from tests.factories import TalkaboutFactory, UserFactory
from tests.faults import clients
from tests.faults.services import RedisServer, database_connections_terminate
from tests.moderation.worker import Worker

FINAL = {
    ModerationState.PUBLISHED,
    ModerationState.HELD,
    ModerationState.ESCALATED,
    ModerationState.REMOVED,
}
RISKY_DECISIONS = {"review", "escalate"}
# Most of what members write is ordinary; some is worrying, a little is urgent.
PHRASES = [
    *["Does anyone have a good recipe for banana bread? Mine always comes out flat."] * 6,
    *["Went for a short walk by the river today and it helped a little."] * 6,
    *["Thank you all for the kind replies yesterday, it meant a lot to me."] * 5,
    "I cut myself again last night, the urge was too strong and I couldn't stop.",
    "I keep thinking everyone would be better off without me around.",
    "I've saved up all my pills and tonight I'm taking them. Goodbye everyone, thank you.",
]
SENDERS = 8
THREADS = 8
# How far (a share of its total) one stream may run ahead of the other: enough that a
# stream stalled by a fault does not hold the other back at once, so both meet it.
LEAD = 0.1


@dataclass
class Plan:
    posts: int
    messages: int
    worker_kills: int
    redis_restarts: int
    database_terminations: int

    def faults(self) -> list[tuple[float, str]]:
        """(share of submissions acknowledged, fault) in the order they strike."""
        left = {
            "worker": self.worker_kills,
            "redis": self.redis_restarts,
            "database": self.database_terminations,
        }
        order = []
        while any(left.values()):  # take turns, so the kinds interleave
            for kind in left:
                if left[kind]:
                    order.append(kind)
                    left[kind] -= 1
        return [((n + 1) / (len(order) + 1), kind) for n, kind in enumerate(order)]


@dataclass
class Outcome:
    plan: Plan
    counts: dict = field(default_factory=dict)  # (row, kind) -> number
    faults: list = field(default_factory=list)  # (seconds since start, what)
    submit_seconds: float = 0.0
    drain_seconds: float = 0.0  # from the last fault until nothing waits
    total_seconds: float = 0.0

    def table(self) -> str:
        rows = sorted({row for row, _ in self.counts}, key=list(ROW_ORDER).index)
        lines = [f"{'':34} {'posts':>8} {'messages':>9}"]
        for row in rows:
            post, chat = self.counts.get((row, "post"), ""), self.counts.get((row, "chat"), "")
            lines.append(f"{ROW_ORDER[row]:34} {post!s:>8} {chat!s:>9}")
        lines.append("")
        lines += [f"fault at {at:6.1f} s: {what}" for at, what in self.faults]
        lines.append(
            f"submitting took {self.submit_seconds:.1f} s; the queue drained "
            f"{self.drain_seconds:.1f} s after the last fault; {self.total_seconds:.1f} s in all"
        )
        return "\n".join(lines)


ROW_ORDER = {
    "submitted": "submitted (distinct client ids)",
    "acked": "acknowledged",
    "attempts": "tries sent",
    "failures": "tries without an answer (resent)",
    "refused": "refused",
    "stored": "stored",
    "duplicates": "stored more than once",
    "lost": "acknowledged but not stored",
    "unacked_stored": "stored but never acknowledged",
    "published": "published",
    "held": "held",
    "escalated": "escalated",
    "removed": "removed",
    "not_final": "not in a final state",
    "check_unavailable": "held once for want of the check",
    "served": "shown to other members",
    "served_risky": "shown though assessed review/escalate",
    "served_unassessed": "shown without a publish assessment",
}


class Stack:
    """Redis, a worker and the ASGI server, all pointed at the test database."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.redis = RedisServer(folder / "redis.log").start()
        self.served_log = folder / "served.log"
        self.env = {
            "REDIS_URL": f"{self.redis.url}/0",
            "CELERY_BROKER_URL": f"{self.redis.url}/1",
            "CACHE_KEY_PREFIX": "hb-faults-run",
            "CHANNELS_PREFIX": "hb-faults-run:asgi",
            # One torch thread per process: on a busy two-core machine two threads made a
            # check 19 times slower (656 ms against 35 ms), as they wait for each other.
            "HARBOUR_TORCH_THREADS": "1",
        }
        self.worker = None
        self.workers_started = 0

    def worker_start(self) -> None:
        self.workers_started += 1
        log = self.folder / f"worker-{self.workers_started}.log"
        self.worker = Worker(log, **self.env).start()

    def worker_crash_and_restart(self) -> None:
        self.worker.kill()
        self.worker_start()

    def server_env(self) -> dict:
        return {
            **self.env,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "HARBOUR_RISK_DISPATCH": "on_commit",
            "HARBOUR_RISK_BACKEND": "moderation.backends.ClassifierBackend",
            "HARBOUR_SERVED_LOG": str(self.served_log),
            "HARBOUR_REPLIES_PER_HOUR": "1000000",
            "HARBOUR_CHAT_BURST": "1000000",
            "HARBOUR_CHAT_PER_MINUTE": "1000000",
        }

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.redis.stop()


@dataclass
class Cast:
    """The members, the threads they reply in and the room they talk in."""

    posters: list
    chatters: list
    readers: list
    thread_ids: list
    room_id: int


def cast_create() -> Cast:
    talkabout = TalkaboutFactory(title="Getting through", slug="getting-through")
    guide = UserFactory(role="staff", handle="staff-setup", email="setup@harbour.example")
    thread_ids = []
    for n in range(THREADS):
        opener = UserFactory(handle=f"opener-{n}")  # threads are rate-limited per member
        thread = thread_create(
            author=opener, talkabout=talkabout, title=f"Check-in {n}", body="How is today going?"
        )
        post = thread.posts.get()
        if case := case_open_for(post):  # the test settings' stand-in check held it
            case_approve(case=case, guide=guide)
        thread_ids.append(thread.pk)
    room = Room.objects.create(kind=RoomKind.GROUP, title="Evening check-in", capacity=100)
    posters = [_member(f"poster-{n}") for n in range(SENDERS)]
    chatters = [_member(f"chatter-{n}", room) for n in range(SENDERS)]
    readers = [_member(f"reader-{n}", room) for n in range(2)]
    return Cast(posters, chatters, readers, thread_ids, room.pk)


def _member(handle: str, room: Room | None = None) -> clients.Member:
    user = UserFactory(handle=handle)
    if room is not None:
        RoomMember.objects.create(room=room, user=user)
    client = Client()
    client.force_login(user)
    return clients.Member(user.pk, client.cookies["sessionid"].value)


def _items(prefix: str, count: int, start: int = 0) -> list[tuple[str, str]]:
    return [
        (f"{prefix}-{n:05d}", f"{PHRASES[n % len(PHRASES)]} ({prefix} {n})")
        for n in range(start, start + count)
    ]


async def _submit_and_break(base, stack: Stack, cast: Cast, plan: Plan, outcome: Outcome):
    posts, chats = clients.Tally(), clients.Tally()
    started = time.monotonic()
    stop = asyncio.Event()
    readers = [
        asyncio.create_task(clients.thread_reader(base, cast.readers[0], cast.thread_ids, stop)),
        asyncio.create_task(clients.room_reader(base, cast.readers[1], cast.room_id, stop)),
        asyncio.create_task(clients.room_reader(base, cast.posters[0], cast.room_id, stop)),
        asyncio.create_task(clients.thread_reader(base, cast.chatters[0], cast.thread_ids, stop)),
    ]
    gate = _pacer(posts, plan.posts, chats, plan.messages)
    senders = []
    for n in range(SENDERS):
        share_posts, share_chats = _share(plan.posts, n), _share(plan.messages, n)
        senders.append(clients.post_sender(
            base, cast.posters[n], cast.thread_ids[n % len(cast.thread_ids)],
            _items(f"p{n}", share_posts), posts, gate,
        ))  # fmt: skip
        senders.append(clients.chat_sender(
            base, cast.chatters[n], cast.room_id, _items(f"c{n}", share_chats), chats, gate,
        ))  # fmt: skip
    total = plan.posts + plan.messages

    async def faults():
        for share, kind in plan.faults():
            while len(posts.acked) + len(chats.acked) < share * total:
                await asyncio.sleep(0.1)
            at = time.monotonic() - started
            what = await asyncio.to_thread(_strike, stack, kind)
            outcome.faults.append((at, what))

    fault_task = asyncio.create_task(faults())
    await asyncio.gather(*senders)
    outcome.submit_seconds = time.monotonic() - started
    await fault_task
    last_fault = time.monotonic()
    # Members go on reading while the queue drains: what is published now is served too.
    drained = await asyncio.to_thread(_drain, cast, deadline=last_fault + 900)
    outcome.drain_seconds = drained - last_fault
    stop.set()
    await asyncio.gather(*readers)
    return posts, chats


def _pacer(posts, post_total, chats, chat_total):
    """A gate that holds back whichever stream runs ahead, so that every fault strikes
    while both posts and messages are being sent."""

    def share(tally, total):
        return len(tally.acked) / total if total else 1.0

    async def gate(tally):
        mine, theirs = (post_total, (chats, chat_total)) if tally is posts else (
            chat_total, (posts, post_total)
        )  # fmt: skip
        while share(tally, mine) > share(*theirs) + LEAD and share(*theirs) < 1.0:
            await asyncio.sleep(0.05)

    return gate


def _share(total: int, n: int) -> int:
    return total // SENDERS + (1 if n < total % SENDERS else 0)


def _strike(stack: Stack, kind: str) -> str:
    if kind == "worker":
        stack.worker_crash_and_restart()
        return "worker SIGKILLed (main and pool processes), started again"
    if kind == "redis":
        stack.redis.restart()
        return "Redis killed (nothing kept on disk), started again"
    count = database_connections_terminate()
    return f"pg_terminate_backend on {count} connections to the test database"


def run(plan: Plan, folder: Path, base: str, stack: Stack, cast: Cast) -> Outcome:
    """Submit, break things, wait for the queue to drain, and count."""
    outcome = Outcome(plan)
    began = time.monotonic()
    connection.close()  # the drain watch below runs in a thread with its own
    posts, chats = asyncio.run(_submit_and_break(base, stack, cast, plan, outcome))
    connection.close()  # ours may have been terminated too
    outcome.total_seconds = time.monotonic() - began
    _count(outcome, "post", posts, _posts(cast), plan.posts, stack.served_log)
    _count(outcome, "chat", chats, _messages(cast), plan.messages, stack.served_log)
    return outcome


def _posts(cast: Cast):
    return Post.objects.filter(author_id__in=[m.user_id for m in cast.posters])


def _messages(cast: Cast):
    return ChatMessage.objects.filter(author_id__in=[m.user_id for m in cast.chatters])


def _waiting(cast: Cast) -> int:
    pending = (
        _posts(cast).filter(state=ModerationState.PENDING).count()
        + _messages(cast).filter(state=ModerationState.PENDING).count()
    )
    unchecked = ReviewCase.objects.filter(
        state=CaseState.OPEN, reason=HeldReason.AUTO_CHECK_UNAVAILABLE
    ).count()
    return pending + unchecked


def _drain(cast: Cast, deadline: float) -> float:
    """When nothing waits for the check any more (or the deadline, if it never drains)."""
    try:
        while time.monotonic() < deadline:
            try:
                if _waiting(cast) == 0:
                    return time.monotonic()
            except Exception:  # a connection terminated by the last fault: try again
                connection.close()
            time.sleep(0.5)
        return time.monotonic()
    finally:
        connection.close()  # this thread's own


def _count(outcome: Outcome, kind: str, tally, items, submitted: int, served_log: Path):
    c = outcome.counts
    rows = list(items.values("pk", "client_id", "state"))
    by_client: dict[str, int] = {}
    for row in rows:
        by_client[row["client_id"]] = by_client.get(row["client_id"], 0) + 1
    c["submitted", kind] = submitted
    c["acked", kind] = len(tally.acked)
    c["attempts", kind] = tally.attempts
    c["failures", kind] = tally.failures
    c["refused", kind] = len(tally.refused)
    c["stored", kind] = len(rows)
    c["duplicates", kind] = sum(1 for number in by_client.values() if number > 1)
    c["lost", kind] = sum(1 for client_id in tally.acked if client_id not in by_client)
    c["unacked_stored", kind] = sum(1 for client_id in by_client if client_id not in tally.acked)
    for state in ("published", "held", "escalated", "removed"):
        c[state, kind] = sum(1 for row in rows if row["state"] == state)
    c["not_final", kind] = sum(1 for row in rows if row["state"] not in FINAL)
    ids = {row["pk"] for row in rows}
    assessments = RiskAssessment.objects.filter(
        content_type__model=items.model._meta.model_name, object_id__in=ids
    )
    c["check_unavailable", kind] = (
        ReviewCase.objects.filter(
            content_type__model=items.model._meta.model_name,
            object_id__in=ids,
            reason=HeldReason.AUTO_CHECK_UNAVAILABLE,
        )
        .values("object_id")
        .distinct()
        .count()
    )
    served = served_read(served_log).get(kind, set()) & ids if served_log.exists() else set()
    risky = set(
        assessments.filter(decision__in=RISKY_DECISIONS).values_list("object_id", flat=True)
    )
    published = set(assessments.filter(decision="publish").values_list("object_id", flat=True))
    c["served", kind] = len(served)
    c["served_risky", kind] = len(served & risky)
    c["served_unassessed", kind] = len(served - published)
