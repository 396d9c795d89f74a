"""How fast a member may send chat messages: a token bucket in the cache.

A member may send a short burst (HARBOUR_CHAT_BURST) at once, then about one message
every 60 / HARBOUR_CHAT_PER_MINUTE seconds. A refusal says how long to wait; the
client keeps what the member typed.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass
class ChatRateLimited(Exception):
    retry_after_seconds: int

    def __str__(self):
        wait = self.retry_after_seconds
        return f"You're sending messages quickly. Please wait {wait} second{'s' * (wait != 1)}."


def chat_rate_limit_hit(*, user_id: int, now: float | None = None) -> None:
    """Take one token for a message from `user_id`, or raise ChatRateLimited."""
    burst = settings.HARBOUR_CHAT_BURST
    per_second = settings.HARBOUR_CHAT_PER_MINUTE / 60
    now = time.time() if now is None else now
    key = f"chat:rate:{user_id}"
    tokens, stamp = cache.get(key, (float(burst), now))
    tokens = min(burst, tokens + (now - stamp) * per_second)
    if tokens < 1:
        raise ChatRateLimited(max(1, math.ceil((1 - tokens) / per_second)))
    cache.set(key, (tokens - 1, now), timeout=math.ceil(burst / per_second) + 1)
