"""The Redis cache shares one connection pool per process, whatever the request context."""

import threading

from django.core.cache import caches

from config.cache import SharedPoolRedisCache


def _client_pool_in_new_thread():
    # A new thread is a new context: Django gives it a cache object of its own,
    # as it does each request under ASGI.
    found = {}

    def run():
        cache = caches["default"]
        cache.set("pool-probe", 1)
        found["cache"] = cache
        found["pool"] = cache._cache.get_client(write=True).connection_pool

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return found


def test_cache_objects_of_two_contexts_share_one_connection_pool():
    assert isinstance(caches["default"], SharedPoolRedisCache)
    first, second = _client_pool_in_new_thread(), _client_pool_in_new_thread()
    assert first["cache"] is not second["cache"]  # Django made one per context...
    assert first["pool"] is second["pool"]  # ...and both use the same connections
