"""Hugs, bookmarks, follows and notifications.

Every change is a small POST form that works without JavaScript and sends the
member back to where they were (the same page of the thread, at the same post).
"""

import math

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import access
from accounts.roles import Role
from community.models import Post
from community.ratelimits import RateLimited
from community.selectors import thread_for, visible_q
from community.selectors_engagement import (
    bookmarked_threads,
    notification_view,
    notifications_for,
)
from community.services.engagement import (
    HugRefused,
    bookmark_create,
    bookmark_delete,
    follow_create,
    follow_delete,
    hug_create,
    hug_delete,
    notifications_mark_read,
)
from community.views.forum import thread_detail
from community.views.redirects import redirect_back

PER_PAGE = 30


def _thread_url(pk) -> str:
    return reverse("thread_detail", args=[pk])


def _thread_page_with(request, post, message: str, status: int):
    # The thread again, with the reason at the top: the member stays where they were.
    messages.error(request, message)
    response = thread_detail(request, post.thread_id)
    response.status_code = status
    return response


def _hug_limit_words(error: RateLimited) -> str:
    # A duration, not a clock time: the server's time zone may not be the member's.
    minutes = math.ceil(error.retry_after_seconds / 60)
    when = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return (
        "You've sent a lot of hugs this hour. Thank you for being so kind. "
        f"You can send hugs again in about {when}."
    )


@access(Role.MEMBER)
@require_POST
def post_hug(request, pk):
    post = get_object_or_404(Post.objects.filter(visible_q(request.user)), pk=pk)
    thread_for(post.thread_id, request.user)  # 404 unless they may open the thread too
    try:
        if request.POST.get("action") == "undo":
            hug_delete(user=request.user, post=post)
        else:
            hug_create(user=request.user, post=post)
    except HugRefused as error:
        return _thread_page_with(request, post, str(error), status=403)
    except RateLimited as error:
        response = _thread_page_with(request, post, _hug_limit_words(error), status=429)
        response["Retry-After"] = str(error.retry_after_seconds)
        return response
    return redirect_back(request, _thread_url(post.thread_id), f"#post-{post.pk}")


@access(Role.MEMBER)
@require_POST
def thread_bookmark(request, pk):
    thread = thread_for(pk, request.user)
    change = bookmark_delete if request.POST.get("action") == "remove" else bookmark_create
    change(user=request.user, thread=thread)
    return redirect_back(request, _thread_url(pk))


@access(Role.MEMBER)
@require_POST
def thread_follow(request, pk):
    thread = thread_for(pk, request.user)
    change = follow_delete if request.POST.get("action") == "unfollow" else follow_create
    change(user=request.user, thread=thread)
    return redirect_back(request, _thread_url(pk))


@access(Role.MEMBER)
@require_safe
def bookmark_list(request):
    page = Paginator(bookmarked_threads(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/bookmarks.html", {"page": page})


@access(Role.MEMBER)
@require_safe
def notification_list(request):
    # Reading the list marks nothing as read: a GET never changes anything, and
    # a member who glances at the page keeps their "new" markers until they
    # choose "Mark all as read".
    page = Paginator(notifications_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    items = [notification_view(notification) for notification in page]
    return render(request, "community/notifications.html", {"page": page, "items": items})


@access(Role.MEMBER)
@require_POST
def notifications_mark_read_view(request):
    notifications_mark_read(user=request.user)
    return redirect_back(request, reverse("notifications"))
