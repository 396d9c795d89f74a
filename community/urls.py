from django.urls import path

from community.views import bricks, forum, pages

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
    # engagement urls (hugs, bookmarks, follows, notifications)
    # safety urls (reports, mutes)
    # search urls
    path("wall/", bricks.brick_wall, name="brick_wall"),
    path("wall/<int:pk>/delete/", bricks.brick_delete_view, name="brick_delete"),
]
