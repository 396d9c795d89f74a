"""Per-member rate limits on writing, kept in the cache as a sliding window.

A refusal says when the member may try again; the caller keeps what they wrote.
"""

import datetime
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


@dataclass
class RateLimited(Exception):
    action: str
    retry_at: datetime.datetime

    def __str__(self):
        return f"You can {self.action} again at {timezone.localtime(self.retry_at):%H:%M}."

    @property
    def retry_after_seconds(self) -> int:
        return max(1, int((self.retry_at - timezone.now()).total_seconds()) + 1)


ACTION_WORDS = {
    "thread": "start a thread",
    "reply": "reply",
    "hug": "send hugs",
    "brick": "add a Brick",
}


def rate_limit_hit(*, user, action: str) -> None:
    """Count one `action` by `user`, or raise RateLimited if over the limit."""
    limit, period = settings.HARBOUR_RATE_LIMITS[action]
    key = f"ratelimit:{action}:{user.pk}"
    now = time.time()
    stamps = [stamp for stamp in cache.get(key, []) if stamp > now - period]
    if len(stamps) >= limit:
        retry = datetime.datetime.fromtimestamp(stamps[0] + period, tz=datetime.UTC)
        raise RateLimited(ACTION_WORDS.get(action, action), retry)
    stamps.append(now)
    cache.set(key, stamps, period)
