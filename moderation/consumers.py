"""The live console's WebSocket: check who is asking, join the console group, pass
events on. Guides and leads with MFA only; everyone else is refused before accepting.

The events carry a case number and what happened (see moderation.live); the page
fetches its rows over HTTP, through the same access checks as without JavaScript.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from moderation.live import CONSOLE_GROUP
from moderation.permissions import console_socket_allowed

FORBIDDEN = 4403


class ConsoleConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        if not await database_sync_to_async(console_socket_allowed)(self.scope):
            return await self.close(code=FORBIDDEN)
        self.groups = [CONSOLE_GROUP]  # discarded by the base class on disconnect
        await self.channel_layer.group_add(CONSOLE_GROUP, self.channel_name)
        await self.accept()

    async def receive_json(self, content, **kwargs):
        await self.send_json({"type": "error", "reason": "The console only listens."})

    async def console_event(self, event):
        await self.send_json({"type": event["event"], "case": event["case"]})
