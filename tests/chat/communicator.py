"""Channels' WebsocketCommunicator, without daphne.

`channels.testing` imports its live-server test case, which needs daphne; Harbour is
served by uvicorn and does not install it. The communicator itself needs only
asgiref, so its package is entered without running that import.
"""

import importlib.util
import sys
import types
from pathlib import Path

import channels

if "channels.testing" not in sys.modules and importlib.util.find_spec("daphne") is None:
    _package = types.ModuleType("channels.testing")
    _package.__path__ = [str(Path(channels.__file__).parent / "testing")]
    sys.modules["channels.testing"] = _package

from channels.testing.websocket import WebsocketCommunicator  # noqa: E402

__all__ = ["WebsocketCommunicator"]
