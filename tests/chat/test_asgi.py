"""The web server's start-up: the chat's risk check is ready before the first message."""

from unittest import mock

from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator

from config.asgi import application


def _start(settings):
    async def scenario():
        server = ApplicationCommunicator(application, {"type": "lifespan"})
        await server.send_input({"type": "lifespan.startup"})
        started = await server.receive_output(timeout=10)
        await server.send_input({"type": "lifespan.shutdown"})
        await server.receive_output(timeout=5)
        return started

    return async_to_sync(scenario)()


def test_the_server_loads_the_model_at_start(settings):
    settings.HARBOUR_CHAT_WARM_AT_START = True
    with mock.patch("chat.delivery._assess") as assess:
        assert _start(settings) == {"type": "lifespan.startup.complete"}
    assess.assert_called_once()


def test_a_model_that_cannot_load_does_not_stop_the_server(settings):
    settings.HARBOUR_CHAT_WARM_AT_START = True
    with mock.patch("chat.delivery._assess", side_effect=RuntimeError("no model")):
        assert _start(settings) == {"type": "lifespan.startup.complete"}
