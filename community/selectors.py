"""Reads for the forum. Every query that can return member content filters by
what the viewer may see: public items, plus the viewer's own."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404

from community.models import (
    Bookmark,
    Brick,
    Hug,
    Mute,
    Post,
    Talkabout,
    TalkaboutMembership,
    Thread,
    ThreadFollow,
)
from moderation.models import CaseDecision, ReviewCase
from moderation.states import ModerationState


def visible_q(user) -> Q:
    """Public items, and the viewer's own that they have not deleted."""
    own = Q(author=user) & ~Q(state=ModerationState.DELETED) if user.is_authenticated else Q()
    return Q(is_public=True) | own if own else Q(is_public=True)


def talkabouts_for(user):
    mine = TalkaboutMembership.objects.filter(talkabout=OuterRef("pk"), user=user)
    return (
        Talkabout.objects.filter(is_archived=False)
        .annotate(
            joined=Exists(mine),
            thread_count=Count("threads", filter=Q(threads__is_public=True)),
        )
        .order_by("-joined", "order", "title")
    )


def _opening_state():
    opening = Post.objects.filter(thread=OuterRef("pk"), is_opening=True)
    return Subquery(opening.values("state")[:1])


def threads_in(talkabout, user):
    threads = Thread.objects.filter(talkabout=talkabout).annotate(opening_state=_opening_state())
    own = Q(author=user) & ~Q(opening_state=ModerationState.DELETED)
    return threads.filter(Q(is_public=True) | own).order_by("-last_activity_at")


def thread_for(pk, user) -> Thread:
    """The thread if the viewer may see it, else 404 (never a hint that it exists)."""
    thread = (
        Thread.objects.select_related("talkabout")
        .annotate(opening_state=_opening_state())
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404("No such thread.")
    mine = thread.author_id == user.pk and thread.opening_state != ModerationState.DELETED
    if not (thread.is_public or mine):
        raise Http404("No such thread.")
    return thread


def thread_posts(thread, user):
    hugged = Hug.objects.filter(post=OuterRef("pk"), user=user)
    return (
        Post.objects.filter(thread=thread)
        .filter(visible_q(user))
        .select_related("author")
        .only(
            "id",
            "thread_id",
            "author_id",
            "author__handle",
            "is_opening",
            "body",
            "state",
            "is_public",
            "public_html",
            "public_content_warning",
            "content_warning",
            "created_at",
            "edited_at",
            "hug_count",
            "revision",
            "published_at",
        )  # fmt: skip
        .annotate(hugged=Exists(hugged))
        .order_by("created_at", "pk")
    )


def muted_ids(user) -> set[int]:
    return set(Mute.objects.filter(muter=user).values_list("muted_id", flat=True))


def thread_flags(thread, user) -> dict:
    return {
        "bookmarked": Bookmark.objects.filter(thread=thread, user=user).exists(),
        "following": ThreadFollow.objects.filter(thread=thread, user=user).exists(),
    }


def my_items(user):
    """The member's own posts and Bricks, newest first, with a guide's message if removed."""
    posts = list(
        Post.objects.filter(author=user)
        .exclude(state=ModerationState.DELETED)
        .select_related("thread")
        .order_by("-created_at")[:200]
    )
    bricks = list(Brick.objects.filter(author=user).exclude(state=ModerationState.DELETED)[:200])
    messages = _removal_messages(user)
    items = posts + bricks
    for item in items:
        item.guide_message = messages.get((type(item).__name__.lower(), item.pk), "")
    return sorted(items, key=lambda item: item.created_at, reverse=True)


def _removal_messages(user) -> dict:
    cases = ReviewCase.objects.filter(author=user, decision=CaseDecision.REMOVED).select_related(
        "content_type"
    )
    return {(case.content_type.model, case.object_id): case.message_to_author for case in cases}
