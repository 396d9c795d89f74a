"""The workers' heartbeat: a beat task on each queue writes when it last ran, and
whether the risk model answered, to a Redis key the readiness check reads.

A heartbeat is a plain JSON value under HARBOUR_HEARTBEAT_KEY plus the queue's name,
kept twice as long as it counts as fresh so a stale one can still be told apart
from none at all.
"""

import json
import time
from dataclasses import dataclass

import redis
from django.conf import settings

# A load balancer asks every few seconds: a Redis that does not answer within this
# long counts as down rather than holding the check (and the balancer) up.
REDIS_TIMEOUT_SECONDS = 1.0

_clients: dict[str, redis.Redis] = {}


def redis_client() -> redis.Redis:
    """One client (and connection pool) per process and URL."""
    url = settings.REDIS_URL
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
    return _clients[url]


@dataclass(frozen=True)
class Heartbeat:
    queue: str
    at: float  # seconds since the epoch
    model_version: str | None
    model_error: str

    def age(self, now: float | None = None) -> float:
        return (now or time.time()) - self.at

    def is_fresh(self, now: float | None = None) -> bool:
        return self.age(now) <= settings.HARBOUR_HEARTBEAT_MAX_AGE_SECONDS


def _key(queue: str) -> str:
    return f"{settings.HARBOUR_HEARTBEAT_KEY}:{queue}"


def heartbeat_write(*, queue: str, model_version: str | None, model_error: str = "", at=None):
    """Record that a worker on `queue` ran a task just now, and how the model answered."""
    value = {"at": at or time.time(), "model_version": model_version, "model_error": model_error}
    ttl = int(settings.HARBOUR_HEARTBEAT_MAX_AGE_SECONDS * 2) + 1
    redis_client().set(_key(queue), json.dumps(value), ex=ttl)


def heartbeat_read(queue: str) -> Heartbeat | None:
    """The last heartbeat from `queue`, or None if none was kept. Raises if Redis is down."""
    raw = redis_client().get(_key(queue))
    if raw is None:
        return None
    value = json.loads(raw)
    return Heartbeat(queue, float(value["at"]), value.get("model_version"), value["model_error"])
