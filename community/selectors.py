"""Reads for the forum. Every query that can return member content filters by
what the viewer may see: public items, plus the viewer's own."""

from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Exists,
    F,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.http import Http404

from community.compiled import CompiledOnce
from community.models import (
    Bookmark,
    Brick,
    Hug,
    MemberPreferences,
    Mute,
    Post,
    Talkabout,
    TalkaboutMembership,
    Thread,
    ThreadFollow,
    ThreadVersion,
)
from community.post_cards import ROW_FIELDS
from moderation.models import CaseDecision, ReviewCase
from moderation.states import ModerationState


def visible_q(user) -> Q:
    """Public items, and the viewer's own that they have not deleted."""
    own = Q(author=user) & ~Q(state=ModerationState.DELETED) if user.is_authenticated else Q()
    return Q(is_public=True) | own if own else Q(is_public=True)


def _talkabouts_queryset(uid):
    mine = TalkaboutMembership.objects.filter(talkabout=OuterRef("pk"), user_id=uid)
    return (
        Talkabout.objects.filter(is_archived=False)
        .annotate(
            joined=Exists(mine),
            thread_count=Count("threads", filter=Q(threads__is_public=True)),
        )
        .order_by("-joined", "order", "title")
    )


_TALKABOUTS = CompiledOnce(_talkabouts_queryset, "uid")


def talkabouts_for(user) -> list[Talkabout]:
    """Open Talkabouts, those the viewer joined first, each with its public thread
    count. On the Talkabout list, so compiled once (community.compiled)."""
    return list(_TALKABOUTS.raw(Talkabout, uid=user.pk))


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
    _check_visible(thread, user)
    return thread


def _check_visible(thread, user) -> None:
    if thread is None:
        raise Http404("No such thread.")
    mine = thread.author_id == user.pk and thread.opening_state != ModerationState.DELETED
    if not (thread.is_public or mine):
        raise Http404("No such thread.")


class _JSONList(Aggregate):
    """A column's values as one JSON list, on PostgreSQL and SQLite alike."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra):
        # jsonb, not json: Django reads jsonb as text and decodes it like a JSONField.
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra)


def _listed(queryset, column):
    """A subquery giving the column of every row as one JSON list (NULL for none)."""
    one_group = queryset.order_by().annotate(group=Value(1)).values("group")
    return Subquery(one_group.annotate(listed=_JSONList(column)).values("listed"))


def _reading_queryset(pk, uid):
    own_posts = Post.objects.filter(thread=OuterRef("pk"), author_id=uid)
    own_post = Concat(Cast("pk", CharField()), Value(":"), "state", output_field=CharField())
    prefs = MemberPreferences.objects.filter(user_id=uid).values("collapsed_warnings")[:1]
    return Thread.objects.filter(pk=pk).annotate(
        talkabout_title=F("talkabout__title"),
        talkabout_slug=F("talkabout__slug"),
        talkabout_is_archived=F("talkabout__is_archived"),
        opening_state=_opening_state(),
        bookmarked=Exists(Bookmark.objects.filter(thread=OuterRef("pk"), user_id=uid)),
        following=Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), user_id=uid)),
        version=Subquery(ThreadVersion.objects.filter(thread_id=OuterRef("pk")).values("version")),
        reader_hugged=_listed(
            Hug.objects.filter(user_id=uid, post__thread=OuterRef("pk")), "post_id"
        ),
        reader_own=_listed(own_posts.annotate(entry=own_post), "entry"),
        reader_muted=_listed(Mute.objects.filter(muter_id=uid), "muted_id"),
        muted_by_author=Exists(Mute.objects.filter(muter_id=OuterRef("author_id"), muted_id=uid)),
        reader_collapsed=Subquery(prefs),
    )


_READING = CompiledOnce(_reading_queryset, "pk", "uid")


def thread_for_reading(pk, user) -> Thread:
    """`thread_for`, plus in the same query what shapes the thread's page for this
    reader (see community.thread_pages): the thread's version, and the reader's hugs,
    own posts with their states, mutes, and collapsed warnings (JSON lists, or None
    for none). Read on every thread page, so compiled once (community.compiled)."""
    thread = _READING.first(Thread, pk=pk, uid=user.pk)
    _check_visible(thread, user)
    thread.talkabout = Talkabout.from_db(
        "default",
        ["id", "title", "slug", "is_archived"],
        [
            thread.talkabout_id,
            thread.talkabout_title,
            thread.talkabout_slug,
            bool(thread.talkabout_is_archived),
        ],
    )
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


def muted_ids(user) -> set[int]:
    return set(Mute.objects.filter(muter=user).values_list("muted_id", flat=True))


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
