"""The guide console's WebSocket route (included by config/websocket_urls.py)."""

from django.urls import path

from moderation.consumers import ConsoleConsumer

websocket_urlpatterns = [
    path("ws/console/", ConsoleConsumer.as_asgi()),
]
