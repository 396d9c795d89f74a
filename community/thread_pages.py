"""A thread's page of posts, rendered once per thread version and reader variant.

The posts part of a thread page (every card and the pagination) depends on the
thread's posts and on a few facts about the reader: member or not, their hugs,
their own posts in the thread and the states of those, whom they muted, which
warnings they keep collapsed. The thread's version (`ThreadVersion`, moved by
database triggers on every change to one of its posts or an author's handle) and
those facts come in the same query as the thread (`thread_for_reading`); both are
in the key, so a changed post or a different reader never gets a stale page or
someone else's, and nothing needs invalidating. Most readers share a variant (no
hugs, mutes or posts of their own in the thread), so one render serves them all.

The page holds no CSRF token: its buttons submit the page's one form.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from community.models import ContentWarning
from community.post_cards import PostRow, Reader, post_cards
from community.selectors import thread_posts
from moderation.served import served_record

POSTS_PER_PAGE = 50
PAGE_SECONDS = 3600
TEMPLATE = "community/_thread_posts.html"
# Part of every key: a deploy that changes how cards look starts with fresh pages.
LAYOUT = "2"


@dataclass(frozen=True)
class PostsPage:
    html: str
    number: int


@dataclass(frozen=True)
class ReaderFacts:
    """What `thread_for_reading` found about the reader, as one hashable value."""

    member: bool
    hugged: frozenset
    muted: frozenset
    collapsed: frozenset
    own: frozenset  # "pk:state" for each of the reader's posts in the thread

    @classmethod
    def of(cls, thread, *, member: bool) -> "ReaderFacts":
        """From a thread read by `thread_for_reading`."""
        own = frozenset(_listed(thread.reader_own))
        if not member:  # guides read everything open, as written
            return cls(False, frozenset(), frozenset(), frozenset(), own)
        collapsed = _listed(thread.reader_collapsed, default=None)
        if collapsed is None:  # no choice made yet: every warning stays collapsed
            collapsed = ContentWarning.values
        hugged, muted = _listed(thread.reader_hugged), _listed(thread.reader_muted)
        return cls(True, frozenset(hugged), frozenset(muted), frozenset(collapsed), own)

    def own_states(self) -> set[str]:
        return {entry.partition(":")[2] for entry in self.own}

    def reader(self, user_id) -> Reader:
        return Reader(
            user_id=user_id,
            member=self.member,
            hugged=self.hugged,
            muted=self.muted,
            collapsed=self.collapsed,
        )

    def digest(self) -> str:
        parts = (
            self.member,
            *(sorted(facts) for facts in (self.hugged, self.muted, self.collapsed, self.own)),
        )
        return hashlib.blake2s(repr(parts).encode(), digest_size=12).hexdigest()


def _listed(value, default=()):
    """A JSON list as the database gave it: text, already decoded, or NULL."""
    if value is None:
        return default
    return json.loads(value) if isinstance(value, str) else value


def _page_number(page_param, thread, facts: ReaderFacts) -> str:
    """The page asked for, as one of a few keys: "last", or a number from 1 to a bound
    on the thread's pages, so that made-up page numbers cannot fill the cache."""
    if page_param == "last":
        return "last"
    try:
        number = int(page_param)
    except (TypeError, ValueError):
        return "1"  # as the paginator reads anything that is not a number
    # At least the pages there are: the public posts and every post of the reader's.
    bound = -(-(thread.public_reply_count + 1 + len(facts.own)) // POSTS_PER_PAGE)
    return str(min(max(number, 1), bound))


def posts_page_key(thread, facts: ReaderFacts, page_param) -> str:
    """The cache key of the page of posts `posts_page` gives for `page_param`."""
    return _key(thread, facts, _page_number(page_param, thread, facts))


def _key(thread, facts: ReaderFacts, number: str) -> str:
    return (
        f"thread-page:{LAYOUT}:{thread.pk}:{thread.version}:{int(thread.is_public)}:"
        f"{facts.digest()}:{number}"
    )


def posts_page(thread, facts: ReaderFacts, *, user, page_param, also=()) -> tuple[PostsPage, dict]:
    """The rendered posts of one page of the thread for this reader: from the cache
    if this version and variant were rendered before, else rendered and kept.

    The cache keys in `also` are read in the same round trip; what they hold comes
    back in the dict (absent when not cached)."""
    number = _page_number(page_param, thread, facts)
    key = _key(thread, facts, number)
    found = cache.get_many([key, *also])
    cached = found.pop(key, None)
    if cached is None:
        cached = _render(thread, facts, user, number)
        cache.set(key, cached, PAGE_SECONDS)
    return posts_page_shown(cached, facts, user=user), found


def posts_page_shown(cached, facts: ReaderFacts, *, user) -> PostsPage:
    """A page of posts as the cache holds it, noted as shown to a member (moderation.served)."""
    html, number, others = cached
    if facts.member:  # guides read held posts by design
        served_record(kind="post", viewer_id=user.pk, item_ids=others)
    return PostsPage(mark_safe(html), number)  # noqa: S308  (our own template's output)


def _render(thread, facts, user, number) -> tuple[str, int, list[int]]:
    # The page's HTML, its number, and the public posts on it by others than the reader.
    paginator = Paginator(thread_posts(thread, user), POSTS_PER_PAGE)
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    posts = [PostRow.from_values(values) for values in page.object_list]
    cards = post_cards(posts, facts.reader(user.pk), thread_public=thread.is_public)
    others = [post.pk for post in posts if post.is_public and post.author_id != user.pk]
    return render_to_string(TEMPLATE, {"cards": cards, "page": page}), page.number, others
