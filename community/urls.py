from django.urls import path

from community.views import bricks, engagement, forum, pages, safety, search

urlpatterns = [
    path("", pages.home, name="home"),
    path("welcome/", pages.welcome, name="welcome"),
    path("me/preferences/", pages.preferences, name="preferences"),
    path("me/posts/", pages.my_posts, name="my_posts"),
    path("talkabouts/", forum.talkabout_list, name="talkabout_list"),
    path("talkabouts/<slug:slug>/", forum.talkabout_detail, name="talkabout_detail"),
    path(
        "talkabouts/<slug:slug>/membership/",
        forum.talkabout_membership,
        name="talkabout_membership",
    ),
    path("talkabouts/<slug:slug>/new/", forum.thread_new, name="thread_new_in"),
    path("threads/new/", forum.thread_new, name="thread_new"),
    path("threads/<int:pk>/", forum.thread_detail, name="thread_detail"),
    path("threads/<int:pk>/reply/", forum.reply_new, name="reply_new"),
    path("posts/<int:pk>/edit/", forum.post_edit_view, name="post_edit"),
    path("posts/<int:pk>/delete/", forum.post_delete_view, name="post_delete"),
    # Hugs, bookmarks, follows, notifications
    path("posts/<int:pk>/hug/", engagement.post_hug, name="post_hug"),
    path("threads/<int:pk>/bookmark/", engagement.thread_bookmark, name="thread_bookmark"),
    path("threads/<int:pk>/follow/", engagement.thread_follow, name="thread_follow"),
    path("me/bookmarks/", engagement.bookmark_list, name="bookmarks"),
    path("me/notifications/", engagement.notification_list, name="notifications"),
    path(
        "me/notifications/read/",
        engagement.notifications_mark_read_view,
        name="notifications_mark_read",
    ),
    # Reports and mutes
    path("reports/post/<int:pk>/", safety.report_post, name="report_post"),
    path("reports/brick/<int:pk>/", safety.report_brick, name="report_brick"),
    path("posts/<int:pk>/mute/", safety.post_author_mute, name="post_author_mute"),
    path("me/muted/", safety.mute_list, name="mutes"),
    path("me/muted/<int:pk>/unmute/", safety.mute_remove, name="mute_remove"),
    # Search and the wall
    path("search/", search.search, name="search"),
    path("wall/", bricks.brick_wall, name="brick_wall"),
    path("wall/<int:pk>/delete/", bricks.brick_delete_view, name="brick_delete"),
]
