"""Connection options for every asyncio Redis client (the channel layer, presence).

No socket timeout. redis-py puts each write under `asyncio.wait_for` whenever one is
set, and on Python 3.11 `wait_for` swallows a cancel that arrives as the write
finishes. channels-redis then waits on for a message after its consumer has gone
(its receive loops until BZPOPMIN returns one), so the server could not shut down.
Reads need no timeout either: BZPOPMIN itself answers "nothing" after 5 s.

A Redis that vanishes without closing the connection is found by TCP keepalive
instead, in about a minute, and idle connections are pinged before they are used.
"""

import socket

# Probe after 30 s idle, every 10 s, give up after 3 unanswered (Linux names).
_KEEPALIVE = {"TCP_KEEPIDLE": 30, "TCP_KEEPINTVL": 10, "TCP_KEEPCNT": 3}

OPTIONS = {
    "socket_timeout": None,
    "socket_keepalive": True,
    "socket_keepalive_options": {
        getattr(socket, name): value for name, value in _KEEPALIVE.items() if hasattr(socket, name)
    },
    "health_check_interval": 30,
}
