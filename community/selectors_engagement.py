"""Reads for bookmarks and notifications.

Like community.selectors, every query filters by what the member may see now:
a bookmark or a notification never brings back a post, Brick or thread that has
since been removed, deleted or pulled back.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Subquery, Value, When
from django.urls import reverse

from community.models import Bookmark, Notification, NotificationKind, Post, Thread
from moderation.states import ModerationState

DELETED = ModerationState.DELETED
# About the recipient's own item and a guide's decision on it: always listed,
# since the guide's words matter even when the item itself is gone.
DECISION_KINDS = (NotificationKind.APPROVED, NotificationKind.REMOVED)


def _opening_deleted(thread_ref: str):
    return Exists(Post.objects.filter(thread=OuterRef(thread_ref), is_opening=True, state=DELETED))


def bookmarked_threads(user):
    """The member's bookmarked threads they can still see, most recently bookmarked first."""
    mark = Bookmark.objects.filter(user=user, thread=OuterRef("pk"))
    own = Q(author=user) & ~_opening_deleted("pk")
    return (
        Thread.objects.annotate(bookmarked_at=Subquery(mark.values("created_at")[:1]))
        .filter(bookmarked_at__isnull=False)
        .filter(Q(is_public=True) | own)
        .select_related("talkabout")
        .order_by("-bookmarked_at", "-pk")
    )


def _item_visible_q(user) -> Q:
    """The notification's post (in a thread they can open) or Brick is visible to `user`."""
    thread_ok = Q(thread__is_public=True) | (Q(thread__author=user) & ~_opening_deleted("thread"))
    post_ok = Q(post__is_public=True) | (Q(post__author=user) & ~Q(post__state=DELETED))
    brick_ok = Q(brick__is_public=True) | (Q(brick__author=user) & ~Q(brick__state=DELETED))
    return (Q(post__isnull=False) & post_ok & thread_ok) | (Q(brick__isnull=False) & brick_ok)


def notifications_for(user):
    """The member's notifications, newest first, with `item_visible` on each.

    Replies and hugs whose post the member can no longer see are left out
    altogether; a guide's decision stays, without a link once its item is gone.
    """
    visible = Case(
        When(_item_visible_q(user), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        Notification.objects.filter(recipient=user)
        .annotate(item_visible=visible)
        .filter(Q(kind__in=DECISION_KINDS) | Q(item_visible=True))
        .select_related("thread")  # the sentence needs only its title; ids do the rest
        .order_by("-created_at", "-pk")
    )


UNREAD_SECONDS = 30


def unread_count_key(user_id) -> str:
    return f"unread-notifications:{user_id}"


def unread_notification_count(user, *, cached: int | None = None) -> int:
    """How many listed notifications the member has not read.

    Shown on every page, so kept in the cache; services forget it whenever they
    add or read notifications, and it expires soon after an item is hidden. A page
    that reads the cache anyway passes what it found under `unread_count_key` as
    `cached`, saving a round trip.
    """
    count = cached if cached is not None else cache.get(unread_count_key(user.pk))
    if count is None:
        count = notifications_for(user).filter(read_at__isnull=True).count()
        cache.set(unread_count_key(user.pk), count, UNREAD_SECONDS)
    return count


def unread_count_forget(user_ids) -> None:
    """Forget cached counts now, and again once the change has committed (a page
    rendered in between could have cached the count from before it)."""
    keys = [unread_count_key(user_id) for user_id in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


@dataclass(frozen=True)
class NotificationView:
    """What the list shows for one notification: a kind sentence and, maybe, a link."""

    sentence: str
    url: str
    message: str
    created_at: object
    unread: bool


def notification_view(notification) -> NotificationView:
    visible = notification.item_visible
    return NotificationView(
        sentence=_sentence(notification, visible),
        url=_url(notification) if visible else "",
        message=notification.message if notification.kind in DECISION_KINDS else "",
        created_at=notification.created_at,
        unread=notification.read_at is None,
    )


def _where(notification, visible) -> str:
    thread = notification.thread
    if not visible or thread is None:
        return ""
    title = thread.public_title if thread.is_public else thread.title
    return f" in “{title}”"


def _sentence(notification, visible) -> str:
    kind, where = notification.kind, _where(notification, visible)
    what = "your Brick" if notification.brick_id else "your post"
    if kind == NotificationKind.REPLY:
        return f"There's a new reply{where}, a thread you follow."
    if kind == NotificationKind.HUG:
        return f"Someone sent a hug for your post{where}."
    if kind == NotificationKind.APPROVED:
        return f"A Wall Guide has published {what}{where}."
    return f"A Wall Guide removed {what}{where}."


def _url(notification) -> str:
    if notification.brick_id:
        return reverse("brick_wall") + f"#brick-{notification.brick_id}"
    return reverse("thread_detail", args=[notification.thread_id]) + f"#post-{notification.post_id}"
