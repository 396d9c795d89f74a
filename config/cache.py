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

import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

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
