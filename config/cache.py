"""Django's Redis cache, with one connection pool per process and server.

Django keeps a cache object per request context, and each object opens its own
connection pool. Under ASGI every request runs in a new context, so every request
opened a new connection to Redis (and left the old one to be dropped): measured,
51 connections for 51 page views. Redis connection pools are thread-safe and reset
themselves after a fork, so every cache object of a process can share one.

The client object is shared too: redis-py builds a table of ~170 response callbacks
for every `Redis()`, and Django makes one for every cache call (two a thread page,
0.1 ms each). A `Redis` object holds no connection of its own, only the pool, so
threads can share it.
"""

import logging
import threading
import time
from functools import partial

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

_pools: dict = {}
_clients: dict = {}
_pools_lock = threading.Lock()


class SharedPoolClient(RedisCacheClient):
    def _get_connection_pool(self, write):
        server = self._servers[self._get_connection_pool_index(write)]
        key = (server, repr(sorted(self._pool_options.items())))
        pool = _pools.get(key)
        if pool is None:
            with _pools_lock:
                pool = _pools.setdefault(
                    key, self._pool_class.from_url(server, **self._pool_options)
                )
        return pool

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = _clients.get(id(pool))
        if client is None:
            with _pools_lock:
                client = _clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class SharedPoolRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedPoolClient


# --- When Redis cannot be reached -------------------------------------------------------
#
# Sessions live in the database and only a copy sits in the cache; pages, cards and
# counts are rebuilt from the database. So while Redis is down, reads miss, writes
# are skipped, and every page still works from the database. Two things may not fail
# open: `add()` answers "already there" (allauth's login rate-limit lock and its
# used-TOTP-code check then refuse, so signing in waits for Redis rather than going
# unguarded), and every key written or deleted during the outage is deleted once Redis
# answers again, so no copy older than the database (a session since signed out, a
# page since changed) is served afterwards.

log = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# After a failure, calls skip Redis for this long instead of each waiting to fail.
RETRY_AFTER_SECONDS = 2.0
OWED_KEYS_MAX = 100_000


class _Outage:
    """This process's view of the cache: whether it is down, until when calls skip it,
    and the keys it must delete when it is back (kept in order, oldest first)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.skip_until = 0.0
        self.owed: dict[tuple, None] = {}

    def skipping(self) -> bool:
        return self.down and time.monotonic() < self.skip_until

    def went_down(self, error: Exception) -> None:
        with self.lock:
            if not self.down:
                log.error("cache unreachable, pages are served from the database: %s", error)
            self.down = True
            self.skip_until = time.monotonic() + RETRY_AFTER_SECONDS

    def owe(self, keys, version) -> None:
        with self.lock:
            for key in keys:
                self.owed[(key, version)] = None
            while len(self.owed) > OWED_KEYS_MAX:
                dropped = next(iter(self.owed))
                del self.owed[dropped]
                log.error("cache outage: too many keys to settle, %r may be served stale", dropped)

    def take_owed(self) -> dict:
        with self.lock:
            owed, self.owed = self.owed, {}
            return owed


_outages: dict[tuple, _Outage] = {}


def cache_reachable(alias: str = "default") -> bool:
    """False while this process last found the cache unreachable."""
    cache = caches[alias]
    return not (isinstance(cache, ResilientRedisCache) and cache.outage.down)


class ResilientRedisCache(SharedPoolRedisCache):
    """The shared-pool Redis cache, serving misses while Redis is unreachable."""

    @property
    def outage(self) -> _Outage:
        """This process's view of this cache's servers (shared by every cache object)."""
        key = tuple(self._servers)
        found = _outages.get(key)
        if found is None:
            with _pools_lock:
                found = _outages.setdefault(key, _Outage())
        return found

    def _guarded(self, call, fallback, *, keys=(), version=None):
        outage = self.outage
        if outage.skipping():
            outage.owe(keys, version)
            return fallback
        try:
            if outage.down:
                self._settle()
            return call()
        except UNREACHABLE as error:
            outage.went_down(error)
            outage.owe(keys, version)
            return fallback

    def _settle(self) -> None:
        # Redis answers again: delete every key touched while it did not, before anything
        # else reads one of them; if this fails, they are owed again.
        outage = self.outage
        owed = outage.take_owed()
        by_version: dict = {}
        for key, version in owed:
            by_version.setdefault(version, []).append(key)
        try:
            for version, keys in by_version.items():
                super().delete_many(keys, version=version)
        except UNREACHABLE:
            with outage.lock:
                outage.owed = {**owed, **outage.owed}
            raise
        outage.down = False
        log.warning("cache reachable again; %d keys touched meanwhile deleted", len(owed))

    def get(self, key, default=None, version=None):
        return self._guarded(partial(super().get, key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guarded(partial(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded(partial(super().has_key, key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        call = partial(super().set, key, value, timeout, version)
        self._guarded(call, None, keys=[key], version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        call = partial(super().set_many, data, timeout, version)
        return self._guarded(call, list(data), keys=list(data), version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        call = partial(super().add, key, value, timeout, version)
        return self._guarded(call, False, keys=[key], version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        call = partial(super().delete, key, version)
        return self._guarded(call, False, keys=[key], version=version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._guarded(partial(super().delete_many, keys, version), None, keys=keys, version=version)
