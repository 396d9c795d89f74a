from django.urls import path

from chat import views

urlpatterns = [
    path("chat/", views.chat_home, name="chat_home"),
    path("chat/rooms/<int:room_id>/", views.chat_room, name="chat_room"),
    path("chat/rooms/<int:room_id>/join/", views.chat_room_join, name="chat_room_join"),
    path("chat/rooms/<int:room_id>/leave/", views.chat_room_leave, name="chat_room_leave"),
    path(
        "chat/messages/<int:message_id>/report/",
        views.chat_message_report,
        name="chat_message_report",
    ),
    path("chat/members/<str:handle>/block/", views.chat_member_block, name="chat_member_block"),
]
