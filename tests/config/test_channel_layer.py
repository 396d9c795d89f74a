"""The channel layer's Redis reads outlast its blocking waits for a message."""

from channels.layers import get_channel_layer
from channels_redis.utils import create_pool


def test_a_quiet_channel_is_not_a_read_timeout():
    layer = get_channel_layer()
    connection = create_pool(layer.hosts[0]).make_connection()
    # BZPOPMIN answers "nothing" after brpop_timeout seconds; the socket must wait longer.
    assert connection.socket_timeout > layer.brpop_timeout
