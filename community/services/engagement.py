"""What members do around posts and threads: hugs, bookmarks, follows, notifications.

Every write here is idempotent: a double-clicked button or a resent form leaves
the same rows as a single one, so a member on a poor connection can safely retry.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from community.models import Bookmark, Hug, Notification, NotificationKind, Post, ThreadFollow
from community.ratelimits import rate_limit_hit
from community.selectors_engagement import unread_count_forget


class HugRefused(Exception):
    """This post can't be hugged; the message says why, kindly."""


def check_can_hug(*, user, post: Post) -> None:
    """Raise HugRefused unless `user` may hug `post`."""
    if post.author_id == user.pk:
        raise HugRefused("This is your own post, so you can't send it a hug.")
    if not post.is_public:
        raise HugRefused("This post isn't shown right now, so it can't be hugged.")


@transaction.atomic
def hug_create(*, user, post: Post) -> bool:
    """Send a hug on someone else's public post and tell its author, without naming the hugger.

    Returns False when the member had already hugged the post: a second press
    (or a resent form) never counts twice and never costs a rate-limit slot.
    """
    check_can_hug(user=user, post=post)
    if Hug.objects.filter(post=post, user=user).exists():
        return False
    rate_limit_hit(user=user, action="hug")
    try:
        # A savepoint, so losing a race to a parallel request leaves this transaction usable.
        with transaction.atomic():
            Hug.objects.create(post=post, user=user)
    except IntegrityError:
        return False
    Post.objects.filter(pk=post.pk).update(hug_count=F("hug_count") + 1)
    _notify_hug(post)
    return True


def _notify_hug(post: Post) -> None:
    # Hugs that arrive before the author has looked read as one notice, brought
    # to the top: a burst of hugs (or hug, undo, hug) never floods their list.
    unread = Notification.objects.filter(
        recipient_id=post.author_id, kind=NotificationKind.HUG, post=post, read_at__isnull=True
    )
    unread_count_forget([post.author_id])
    if not unread.update(created_at=timezone.now()):
        Notification.objects.create(
            recipient_id=post.author_id,
            kind=NotificationKind.HUG,
            thread_id=post.thread_id,
            post=post,
        )


@transaction.atomic
def hug_delete(*, user, post: Post) -> bool:
    """Take back the member's hug, if they had sent one. The author is not told."""
    deleted, _ = Hug.objects.filter(post=post, user=user).delete()
    if deleted:
        # The filter keeps the count from going below zero if it ever drifted.
        Post.objects.filter(pk=post.pk, hug_count__gt=0).update(hug_count=F("hug_count") - 1)
    return bool(deleted)


def bookmark_create(*, user, thread) -> None:
    """Bookmark a thread the member can see; bookmarking twice changes nothing."""
    Bookmark.objects.get_or_create(thread=thread, user=user)


def bookmark_delete(*, user, thread) -> None:
    """Remove the member's bookmark on a thread, if there is one."""
    Bookmark.objects.filter(thread=thread, user=user).delete()


def follow_create(*, user, thread) -> None:
    """Follow a thread: the member is told about each reply once it is published."""
    ThreadFollow.objects.get_or_create(thread=thread, user=user)


def follow_delete(*, user, thread) -> None:
    """Stop following a thread. Replying in it later follows it again."""
    ThreadFollow.objects.filter(thread=thread, user=user).delete()


def notifications_mark_read(*, user) -> int:
    """Mark every unread notification of the member as read; returns how many changed."""
    unread_count_forget([user.pk])
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
