"""Members' clients as a real browser or app behaves: send, wait for the server's
acknowledgement, and resend with the same client id whatever goes wrong until it comes.

Posts are replies sent through the forum's own form over HTTP; chat messages go over
the room's WebSocket. Readers (other members) keep reading threads and rooms meanwhile,
so the server's served log (moderation.served) records what they were shown.
"""

import asyncio
import contextlib
import json
import random
import re
from dataclasses import dataclass, field

import httpx
import websockets

RETRY_PAUSE = 0.3
ACK_TIMEOUT = 30.0
POST_ID = re.compile(r"#post-(\d+)$")


@dataclass
class Tally:
    """What the clients saw: acknowledgements by client id, and every try."""

    acked: dict = field(default_factory=dict)  # client id -> the id the server gave
    attempts: int = 0
    failures: int = 0  # tries that ended without an acknowledgement (then resent)
    refused: list = field(default_factory=list)

    @property
    def retries(self) -> int:
        return self.attempts - len(self.acked) - len(self.refused)


@dataclass(frozen=True)
class Member:
    user_id: int
    session: str


CSRF = "f" * 32  # a CSRF secret of our own; the form sends it back as Django expects


def _cookies(member: Member) -> str:
    return f"sessionid={member.session}; csrftoken={CSRF}"


async def _no_wait(tally):
    pass


async def post_sender(
    base: str, member: Member, thread_id: int, items, tally: Tally, gate=_no_wait
):
    """Reply in the thread with each (client id, text), one after another; `gate(tally)`
    is awaited before each, to keep pace with other senders."""
    headers = {"Cookie": _cookies(member)}
    url = f"{base}/threads/{thread_id}/reply/"
    async with httpx.AsyncClient(timeout=ACK_TIMEOUT, headers=headers) as client:
        for client_id, text in items:
            await gate(tally)
            while client_id not in tally.acked:
                tally.attempts += 1
                form = {"body": text, "content_warning": "", "client_id": client_id,
                        "csrfmiddlewaretoken": CSRF}  # fmt: skip
                try:
                    response = await client.post(url, data=form)
                except httpx.HTTPError:
                    response = None
                found = (
                    response is not None
                    and response.status_code == 302
                    and POST_ID.search(response.headers.get("location", ""))
                )
                if found:
                    tally.acked[client_id] = int(found.group(1))
                else:
                    tally.failures += 1
                    await asyncio.sleep(RETRY_PAUSE)


async def chat_sender(base: str, member: Member, room_id: int, items, tally, gate=_no_wait):
    """Send each (client id, text) to the room; after a lost connection, connect again
    and resend the message that was not acknowledged."""
    waiting = list(items)
    while waiting:
        try:
            async with _room(base, member, room_id) as socket:
                while waiting:
                    client_id, text = waiting[0]
                    await gate(tally)
                    tally.attempts += 1
                    await socket.send(json.dumps({"type": "send", "client_id": client_id,
                                                  "text": text}))  # fmt: skip
                    answer = await asyncio.wait_for(_answer(socket, client_id), ACK_TIMEOUT)
                    if answer["type"] == "ack":
                        tally.acked[client_id] = answer["id"]
                    elif "retry_after" in answer:  # too quick: wait as asked, then resend
                        await asyncio.sleep(answer["retry_after"])
                        continue
                    else:
                        tally.refused.append((client_id, answer.get("reason")))
                    waiting.pop(0)
        except (OSError, TimeoutError, websockets.WebSocketException):
            tally.failures += 1
            await asyncio.sleep(RETRY_PAUSE)


async def _answer(socket, client_id: str) -> dict:
    while True:
        frame = json.loads(await socket.recv())
        if frame.get("type") in ("ack", "refused") and frame.get("client_id") == client_id:
            return frame


def _room(base: str, member: Member, room_id: int, after: int | None = None):
    query = f"?after={after}" if after is not None else ""
    url = base.replace("http", "ws", 1) + f"/ws/chat/{room_id}/{query}"
    headers = {"Cookie": _cookies(member), "Origin": base}
    return websockets.connect(url, additional_headers=headers, open_timeout=10, max_size=None)


async def room_reader(base: str, member: Member, room_id: int, stop: asyncio.Event):
    """Stay in the room, reconnecting from the last number seen, until `stop`."""
    seen = None
    while not stop.is_set():
        try:
            async with _room(base, member, room_id, after=seen) as socket:
                while not stop.is_set():
                    try:
                        frame = json.loads(await asyncio.wait_for(socket.recv(), 1.0))
                    except TimeoutError:
                        continue
                    seen = _last_seen(frame, seen)
        except (OSError, TimeoutError, websockets.WebSocketException):
            await asyncio.sleep(RETRY_PAUSE)


def _last_seen(frame: dict, seen):
    if frame.get("type") == "replay":
        return frame.get("last_sequence", seen)
    if frame.get("type") == "message" and frame.get("sequence"):
        return max(seen or 0, frame["sequence"])
    return seen


async def thread_reader(base: str, member: Member, thread_ids, stop: asyncio.Event):
    """Open the last page of a thread, again and again, until `stop`."""
    async with httpx.AsyncClient(timeout=10, headers={"Cookie": _cookies(member)}) as client:
        while not stop.is_set():
            thread_id = random.choice(thread_ids)
            with contextlib.suppress(httpx.HTTPError):
                await client.get(f"{base}/threads/{thread_id}/?page=last")
            await asyncio.sleep(0.2)
