"""Channel-layer sends from synchronous code, over connections that are kept.

`async_to_sync(layer.group_send)` from a thread with no event loop of its own (a
Celery worker, a management command, a test) runs a new event loop for the one
call, and channels-redis opens a new connection pool for every loop: about 10 ms a
send, mostly connecting. Here each process keeps one event loop on a thread of its
own for these sends, so the pool, and its connections, are reused.

The in-memory layer of the embedded default is not thread-safe across loops: its
sends go through `async_to_sync`, onto the server's own loop, as before.
"""

import asyncio
import logging
import os
import threading

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

log = logging.getLogger(__name__)

SEND_TIMEOUT_SECONDS = 5.0

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_loop_pid: int | None = None


def group_send(group: str, message: dict, *, wait: bool = True) -> None:
    """Send `message` to `group`; wait until the layer has taken it unless told not
    to (for notices nobody's correctness hangs on: a failure is only logged)."""
    layer = get_channel_layer()
    if isinstance(layer, InMemoryChannelLayer):
        async_to_sync(layer.group_send)(group, message)
        return
    future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), _sending_loop())
    if wait:
        future.result(timeout=SEND_TIMEOUT_SECONDS)
    else:
        future.add_done_callback(_log_failure)


def _log_failure(future) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("channel layer: a send failed: %s", future.exception())


def _sending_loop() -> asyncio.AbstractEventLoop:
    """This process's loop for sends; a forked worker starts its own."""
    global _loop, _loop_pid
    with _lock:
        if _loop is None or _loop_pid != os.getpid():
            _loop, _loop_pid = asyncio.new_event_loop(), os.getpid()
            threading.Thread(
                target=_loop.run_forever, name="channel-layer-sends", daemon=True
            ).start()
        return _loop
