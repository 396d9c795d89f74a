"""Search over published forum content.

Only what every reader may see is searched: public posts in public threads, by
the words of their last approved revision (`Post.public_text`) and, for an
opening post, its thread's `public_title`. The newest, maybe unchecked `body`
and `title` are never read, matched or shown.

On PostgreSQL this is full-text search over `Post.search_vector`, which
moderation fills when it publishes a post and which a GIN index (migration
0002) serves. The embedded SQLite default has no full-text search: there a
simple case-insensitive match stands in, with the same visibility rules.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, Subquery, Value
from django.utils.html import escape, format_html_join

from community.models import Post, Thread

CONFIG = "english"
# Private-use characters mark matched words until the excerpt is escaped, so a
# post's own "<" or "&" can never become markup.
MARK_START, MARK_STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK_START}(.*?){MARK_STOP}", re.DOTALL)
EXCERPT_CHARS = 240
MAX_WORDS = 10  # the fallback's words; more only make a slower query

_RESULT_FIELDS = (
    "id",
    "thread",
    "author_id",
    "is_opening",
    "public_text",
    "public_content_warning",
    "published_at",
    "thread__public_title",
    "thread__talkabout",
    "thread__talkabout__title",
    "thread__talkabout__slug",
)


def post_search_vector_update(*, post) -> None:
    """Index the words of the post's public revision, and for an opening post its
    thread's public title (weighted higher)."""
    if connection.vendor != "postgresql":
        return  # the SQLite fallback reads public_text and public_title directly
    title = ""
    if post.is_opening:
        title = Thread.objects.values_list("public_title", flat=True).get(pk=post.thread_id)
    Post.objects.filter(pk=post.pk).update(
        search_vector=SearchVector(Value(title), weight="A", config=CONFIG)
        + SearchVector("public_text", weight="B", config=CONFIG)
    )


def vectors_kept() -> bool:
    """Whether posts keep a search vector: on PostgreSQL, not on SQLite."""
    return connection.vendor == "postgresql"


def published_vector(*, is_opening: bool, thread_pk, text):
    """The same words as post_search_vector_update, as an expression to save with the
    post when it is published, in the UPDATE that sets its public text (the thread's
    title becomes its public title in the same transaction). text: the public text as
    an expression."""
    title = Value("")
    if is_opening:
        title = Subquery(Thread.objects.filter(pk=thread_pk).values("title")[:1])
    return SearchVector(title, weight="A", config=CONFIG) + SearchVector(
        text, weight="B", config=CONFIG
    )


def published_posts():
    """Posts every reader may see: public, in a thread that is public too."""
    return Post.objects.filter(is_public=True, thread__is_public=True)


def search_published(text: str):
    """Published posts matching `text`, best first."""
    if connection.vendor == "postgresql":
        return full_text_matches(published_posts(), text)
    return simple_matches(published_posts(), text)


def full_text_matches(posts, text: str):
    """Ranked full-text matches (PostgreSQL), each with a marked `headline`."""
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    headline = SearchHeadline(
        "public_text",
        query,
        config=CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    # Normalisation 1 divides by the log of the length: a long post does not
    # outrank a short one merely by being long.
    rank = SearchRank(F("search_vector"), query, normalization=Value(1))
    return (
        _for_results(posts.filter(search_vector=query))
        .annotate(rank=rank, headline=headline)
        .order_by("-rank", "-published_at", "-pk")
    )


def simple_matches(posts, text: str):
    """The fallback where full-text search is unavailable: newest first, every word
    found in the public text or, for an opening post, in the public title."""
    words = _words(text)
    if not words:
        return posts.none()
    for word in words:
        in_title = Q(is_opening=True, thread__public_title__icontains=word)
        posts = posts.filter(Q(public_text__icontains=word) | in_title)
    return _for_results(posts).order_by("-published_at", "-pk")


def _for_results(posts):
    return posts.select_related("thread__talkabout").only(*_RESULT_FIELDS)


def _words(text: str) -> list[str]:
    return [word for word in (w.strip('"') for w in text.split()) if word][:MAX_WORDS]


def with_excerpts(posts, text: str) -> list:
    """Give each post of a results page an `excerpt`: escaped HTML, matches in <mark>."""
    posts = list(posts)
    words = _words(text)
    for post in posts:
        headline = getattr(post, "headline", None)
        if headline is None:
            headline = plain_headline(post.public_text, words)
        post.excerpt = excerpt_html(headline)
    return posts


def plain_headline(text: str, words: list[str]) -> str:
    """A short stretch of `text` around the first word found, words marked."""
    text = _unmarked(text)
    lowered = text.lower()
    found = [at for at in (lowered.find(word.lower()) for word in words) if at >= 0]
    start = max(0, min(found, default=0) - EXCERPT_CHARS // 3)
    start = text.find(" ", start) + 1 if start else 0  # begin at a word
    excerpt = text[start : start + EXCERPT_CHARS]
    excerpt = ("… " if start else "") + excerpt
    excerpt += " …" if start + EXCERPT_CHARS < len(text) else ""
    if not words:
        return excerpt
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}", excerpt)


def excerpt_html(headline: str):
    """Escape a marked headline, turning only our own marks into <mark>."""
    parts = [_unmarked(part) for part in _MARKED.split(headline)]
    plain, marked = parts[0::2], parts[1::2]
    return format_html_join("", "{}<mark>{}</mark>", zip(plain, marked, strict=False)) + escape(
        plain[-1]
    )


def _unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_STOP, "")
