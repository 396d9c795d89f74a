"""WebSocket routes. Each app adds its consumers here as it gains them."""

from chat.routing import websocket_urlpatterns as chat_patterns
from moderation.routing import websocket_urlpatterns as console_patterns

websocket_urlpatterns: list = [*chat_patterns, *console_patterns]
