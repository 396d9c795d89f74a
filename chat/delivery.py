"""The risk check of chat messages, in this process, before delivery.

A chat message cannot wait for a queue: the same rules, classifier and policy as
the forum's run here, in a small thread pool, so the event loop never waits on the
model. A check that fails or takes longer than HARBOUR_CHAT_CHECK_TIMEOUT seconds
holds the message for a guide (fail closed). If this process dies mid-check the
message stays PENDING and moderation's sweeper checks it through the queue.
"""

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings

from chat.services import message_decide, message_submit
from chat.services_checkins import checkin_decide
from moderation.backends import risk_backend

log = logging.getLogger(__name__)

_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(
            max_workers=settings.HARBOUR_CHAT_CHECK_THREADS, thread_name_prefix="chat-check"
        )
    return _pool


def _assess(text: str):
    return risk_backend().assess([text])[0]


@dataclass(frozen=True)
class CheckOutcome:
    verdict: object | None
    latency_ms: float
    failure: str = ""


async def risk_check(text: str) -> CheckOutcome:
    """The verdict on `text`, or the reason there is none (error or too slow)."""
    limit = settings.HARBOUR_CHAT_CHECK_TIMEOUT
    started = time.perf_counter()
    future = asyncio.get_running_loop().run_in_executor(_executor(), _assess, text)
    try:
        verdict = await asyncio.wait_for(future, timeout=limit)
    except TimeoutError:
        return CheckOutcome(None, limit * 1000, f"no verdict within {limit} s")
    except Exception as error:
        return CheckOutcome(None, 0.0, f"{type(error).__name__}: {error}")
    return CheckOutcome(verdict, (time.perf_counter() - started) * 1000)


async def message_post(*, room_id: int, sender, client_id: str, text: str):
    """Store, check and decide one message; returns it as it now stands.

    A resend of a stored client id returns the stored message untouched."""
    message, created = await database_sync_to_async(message_submit)(
        room_id=room_id, sender=sender, client_id=client_id, text=text
    )
    if not created:
        return message
    outcome = await risk_check(message.body)
    return await database_sync_to_async(message_decide)(
        message=message, verdict=outcome.verdict, latency_ms=outcome.latency_ms,
        failure=outcome.failure,
    )  # fmt: skip


async def model_warm() -> None:
    """Load the model before the first message, in the pool that will use it."""
    started = time.perf_counter()
    try:
        await asyncio.get_running_loop().run_in_executor(_executor(), _assess, "Warming up.")
    except Exception:  # messages will be held until it can load; say why
        log.exception("the risk model could not be loaded; chat messages will be held")
        return
    log.info("chat risk check ready in %.2fs", time.perf_counter() - started)


def checkin_check(checkin):
    """Check a buddy check-in's answer as a chat message is checked (from a view)."""
    outcome = async_to_sync(risk_check)(checkin.answer)
    return checkin_decide(
        checkin=checkin, verdict=outcome.verdict, latency_ms=outcome.latency_ms,
        failure=outcome.failure,
    )  # fmt: skip
