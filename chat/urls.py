from django.urls import path

from chat import views, views_buddies

urlpatterns = [
    path("chat/", views.chat_home, name="chat_home"),
    path("chat/rooms/<int:room_id>/", views.chat_room, name="chat_room"),
    path("chat/rooms/<int:room_id>/join/", views.chat_room_join, name="chat_room_join"),
    path("chat/rooms/<int:room_id>/leave/", views.chat_room_leave, name="chat_room_leave"),
    path(
        "chat/rooms/<int:room_id>/presence/",
        views.chat_room_presence,
        name="chat_room_presence",
    ),
    path(
        "chat/messages/<int:message_id>/report/",
        views.chat_message_report,
        name="chat_message_report",
    ),
    path("chat/members/<str:handle>/block/", views.chat_member_block, name="chat_member_block"),
    path("chat/buddies/", views_buddies.buddy_home, name="buddy_home"),
    path("chat/buddies/profile/", views_buddies.buddy_profile, name="buddy_profile"),
    path(
        "chat/buddies/<int:match_id>/accept/",
        views_buddies.buddy_match_accept,
        name="buddy_match_accept",
    ),
    path(
        "chat/buddies/<int:match_id>/decline/",
        views_buddies.buddy_match_decline,
        name="buddy_match_decline",
    ),
    path(
        "chat/buddies/<int:match_id>/unmatch/",
        views_buddies.buddy_match_end,
        name="buddy_match_end",
    ),
    path(
        "chat/buddies/check-ins/<int:checkin_id>/",
        views_buddies.buddy_checkin,
        name="buddy_checkin",
    ),
]
