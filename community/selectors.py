"""Reads for the forum. Every query that can return member content filters by
what the viewer may see: public items, plus the viewer's own."""

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
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
from community.post_cards import ROW_FIELDS
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
    """The thread if the viewer may see it, else 404 (never a hint that it exists).

    Annotated with whether the viewer bookmarked and follows it, in the same query.
    """
    thread = (
        Thread.objects.select_related("talkabout")
        .annotate(
            opening_state=_opening_state(),
            bookmarked=Exists(Bookmark.objects.filter(thread=OuterRef("pk"), user_id=user.pk)),
            following=Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), user_id=user.pk)),
        )
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
    """The posts of a thread the viewer may see, as plain values without their text:
    enough to pick each post's card (see community.post_cards)."""
    return (
        Post.objects.filter(thread=thread)
        .filter(visible_q(user))
        .order_by("created_at", "pk")
        .values(*ROW_FIELDS, handle=F("author__handle"))
    )


def hugged_ids(user, post_ids) -> set[int]:
    hugs = Hug.objects.filter(user=user, post_id__in=post_ids)
    return set(hugs.values_list("post_id", flat=True))


def muted_ids(user) -> set[int]:
    return set(Mute.objects.filter(muter=user).values_list("muted_id", flat=True))


def mutes_around(user, thread_author_id) -> tuple[set[int], bool]:
    """Whom the viewer muted, and whether the thread's author muted the viewer: one query."""
    rows = list(
        Mute.objects.filter(Q(muter=user) | Q(muter_id=thread_author_id, muted=user)).values_list(
            "muter_id", "muted_id"
        )
    )
    muted = {muted for muter, muted in rows if muter == user.pk}
    return muted, (thread_author_id, user.pk) in rows


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
