"""The channel layer, as configured, over the real Redis: a quiet channel is not an
error, and a receive that is cancelled stops, whenever the cancel lands."""

import asyncio
import itertools

from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer
from channels_redis.utils import create_pool

# Cancel moments that land in every part of a receive: taking channels-redis' lock,
# reconnecting, writing the command, blocking in BZPOPMIN.
CANCEL_AFTER_SECONDS = (0, 0.0005, 0.001, 0.002, 0.005, 0.02)
ROUNDS = 120


def test_a_quiet_channel_is_not_a_read_timeout():
    layer = get_channel_layer()
    connection = create_pool(layer.hosts[0]).make_connection()
    # BZPOPMIN answers "nothing" after brpop_timeout seconds; the socket must not give up first.
    assert connection.socket_timeout is None or connection.socket_timeout > layer.brpop_timeout


def test_a_cancelled_receive_always_stops():
    """Two connections of one server receiving, both cancelled (their browsers left, or
    the server is shutting down). With a socket timeout set, redis-py writes under
    Python 3.11's `wait_for`, which can swallow the cancel, and the receive then
    never returned: the server hung on shutdown."""
    configured = get_channel_layer()

    async def rounds():
        layer = RedisChannelLayer(hosts=configured.hosts, prefix=f"{configured.prefix}:cancel")
        stuck = []
        for number, delay in zip(range(ROUNDS), itertools.cycle(CANCEL_AFTER_SECONDS)):
            channels = [await layer.new_channel() for _ in range(2)]
            receives = [asyncio.ensure_future(layer.receive(channel)) for channel in channels]
            await asyncio.sleep(delay)
            for receive in receives:
                receive.cancel()
            _, pending = await asyncio.wait(receives, timeout=2)
            if pending:
                stuck.append((number, delay))
                break  # the stuck one holds the layer's receive lock: later rounds would wait too
        await layer.flush()
        return stuck

    # Not asyncio.run: on a failure it would wait for the stuck receive for ever.
    loop = asyncio.new_event_loop()
    try:
        stuck = loop.run_until_complete(rounds())
    finally:
        loop.close()
    assert stuck == [], "a cancelled receive ran on (round, seconds before the cancel)"
