"""Writing in the forum: threads, replies, edits and deletions.

Every text goes to moderation.services.content_submit from here, explicitly;
nothing is visible to anyone but its author until moderation publishes it.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from community.models import Mute, Post, Talkabout, Thread, ThreadFollow
from community.ratelimits import rate_limit_hit
from moderation.selectors import posting_blocked
from moderation.services import content_delete, content_submit
from moderation.states import ModerationState
from organisations.licence import licence_write_refusal


class PostingRefused(Exception):
    """Writing is not possible here; the message says why, kindly."""


def check_posting_allowed(author):
    """Refuse while a posting pause or suspension from the Wall Guides is in force, or
    once the licence (and grace period) of the member's organisation is over."""
    if why := posting_blocked(author) or licence_write_refusal(author):
        raise PostingRefused(why)


def _check_talkabout_open(talkabout: Talkabout):
    if talkabout.is_archived:
        raise PostingRefused(
            "This Talkabout is archived, so new threads can't be started here. "
            "Your words are still below: you could post them in another Talkabout."
        )


def _resent(author, client_id: str) -> Post | None:
    """The post this author already sent with this client id, if any."""
    if not client_id:
        return None
    return Post.objects.select_related("thread").filter(author=author, client_id=client_id).first()


def thread_create(*, author, talkabout: Talkabout, title: str, body: str, content_warning="",
                  client_id=""):  # fmt: skip
    """Start a thread; its title and opening post are checked together.

    A resend with a `client_id` already stored returns the thread made the first time,
    so a retried form never starts the same thread twice."""
    if stored := _resent(author, client_id):
        return stored.thread
    try:
        return _thread_create(author, talkabout, title, body, content_warning, client_id)
    except IntegrityError:  # the same resend, arriving twice at once
        if stored := _resent(author, client_id):
            return stored.thread
        raise


@transaction.atomic
def _thread_create(author, talkabout, title, body, content_warning, client_id):
    _check_talkabout_open(talkabout)
    check_posting_allowed(author)
    rate_limit_hit(user=author, action="thread")
    thread = Thread.objects.create(talkabout=talkabout, author=author, title=title)
    post = Post(
        thread=thread, author=author, is_opening=True, body=body,
        content_warning=content_warning, client_id=client_id,
    )  # fmt: skip
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


def reply_create(*, author, thread: Thread, body: str, content_warning="", client_id=""):
    """Reply in a thread; the author follows the thread from then on.

    A resend with a `client_id` already stored returns the reply stored the first time."""
    if stored := _resent(author, client_id):
        return stored
    try:
        return _reply_create(author, thread, body, content_warning, client_id)
    except IntegrityError:  # the same resend, arriving twice at once
        if stored := _resent(author, client_id):
            return stored
        raise


@transaction.atomic
def _reply_create(author, thread, body, content_warning, client_id):
    if not can_reply(user=author, thread=thread):
        raise PostingRefused("You can't reply to this thread.")
    check_posting_allowed(author)
    rate_limit_hit(user=author, action="reply")
    post = Post(
        thread=thread, author=author, body=body, content_warning=content_warning,
        client_id=client_id,
    )  # fmt: skip
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
