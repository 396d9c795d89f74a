"""WebSocket routes. Each app adds its consumers here as it gains them."""

from chat.routing import websocket_urlpatterns as chat_patterns

websocket_urlpatterns: list = [*chat_patterns]
