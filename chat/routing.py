"""The chat's WebSocket routes (included by config/websocket_urls.py)."""

from django.urls import path

from chat.consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/chat/<int:room_id>/", RoomConsumer.as_asgi()),
]
