"""Writing in the forum: threads, replies, edits and deletions.

Every text goes to moderation.services.content_submit from here, explicitly;
nothing is visible to anyone but its author until moderation publishes it.
"""

from django.db import transaction
from django.utils import timezone

from community.models import Mute, Post, Talkabout, Thread, ThreadFollow
from community.ratelimits import rate_limit_hit
from moderation.selectors import posting_blocked
from moderation.services import content_delete, content_submit
from moderation.states import ModerationState


class PostingRefused(Exception):
    """Writing is not possible here; the message says why, kindly."""


def check_posting_allowed(author):
    """Refuse while a posting pause or suspension from the Wall Guides is in force."""
    if why := posting_blocked(author):
        raise PostingRefused(why)


def _check_talkabout_open(talkabout: Talkabout):
    if talkabout.is_archived:
        raise PostingRefused(
            "This Talkabout is archived, so new threads can't be started here. "
            "Your words are still below: you could post them in another Talkabout."
        )


@transaction.atomic
def thread_create(*, author, talkabout: Talkabout, title: str, body: str, content_warning=""):
    """Start a thread; its title and opening post are checked together."""
    _check_talkabout_open(talkabout)
    check_posting_allowed(author)
    rate_limit_hit(user=author, action="thread")
    thread = Thread.objects.create(talkabout=talkabout, author=author, title=title)
    post = Post(
        thread=thread, author=author, is_opening=True, body=body, content_warning=content_warning
    )
    content_submit(item=post)  # stores the post, PENDING
    ThreadFollow.objects.create(thread=thread, user=author)  # a new thread has no followers
    return thread


def can_reply(*, user, thread: Thread, muted_by_author: bool | None = None) -> bool:
    """Whether `user` may reply; `muted_by_author` saves a query when already known."""
    if not thread.is_public or thread.talkabout.is_archived:
        return False
    if muted_by_author is None:
        muted_by_author = Mute.objects.filter(muter_id=thread.author_id, muted=user).exists()
    return not muted_by_author


@transaction.atomic
def reply_create(*, author, thread: Thread, body: str, content_warning=""):
    """Reply in a thread; the author follows the thread from then on."""
    if not can_reply(user=author, thread=thread):
        raise PostingRefused("You can't reply to this thread.")
    check_posting_allowed(author)
    rate_limit_hit(user=author, action="reply")
    post = Post(thread=thread, author=author, body=body, content_warning=content_warning)
    content_submit(item=post)  # stores the reply, PENDING
    ThreadFollow.objects.get_or_create(thread=thread, user=author)
    return post


def check_can_edit(*, post: Post, user) -> None:
    if post.author_id != user.pk:
        raise PostingRefused("Only the author can change this post.")
    check_posting_allowed(user)
    if post.state != ModerationState.PUBLISHED:
        raise PostingRefused(
            "A Wall Guide is looking at this post, so it can't be changed until they've finished."
        )


@transaction.atomic
def post_edit(*, post: Post, author, body: str, content_warning="", title=None):
    """Edit a published post. The earlier version stays public until the new one is checked."""
    check_can_edit(post=post, user=author)
    post.body, post.content_warning, post.edited_at = body, content_warning, timezone.now()
    post.save(update_fields=["body", "content_warning", "edited_at"])
    if post.is_opening and title is not None:
        Thread.objects.filter(pk=post.thread_id).update(title=title)
    content_submit(item=post, is_edit=True)
    return post


def post_delete(*, post: Post, author):
    """Soft-delete the author's own post."""
    return content_delete(item=post, author=author)
