"""Posts on a thread page, rendered once and shared between readers.

A card's HTML depends only on the post's public fields and on a few facts about
the reader that many readers share (member or guide, own post or not, hugged,
muted, folded by a content warning). Those facts are the card's *variant*; the
post's fields that can change are its *stamp*. Both are in the cache key, so a
changed post or a different reader never gets a stale or someone else's card,
and nothing needs invalidating. A card holds no CSRF token: its buttons submit
the page's one form. Unpublished posts, seen only by their author, are never
cached.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from community.models import Post

CARD_TEMPLATE = "community/_post_card.html"
CARD_SECONDS = 24 * 3600


@dataclass(frozen=True)
class CardView:
    """What a card shows differently for this reader."""

    member: bool
    own: bool
    hugged: bool
    muted: bool
    folded: bool
    thread_public: bool

    def key(self) -> str:
        flags = (self.member, self.own, self.hugged, self.muted, self.folded, self.thread_public)
        return "".join("1" if flag else "0" for flag in flags)


@dataclass(frozen=True)
class Reader:
    """The reader's choices that shape cards: one object per page view."""

    user_id: int | None
    member: bool
    hugged: frozenset = frozenset()
    muted: frozenset = frozenset()
    collapsed: frozenset = frozenset()

    def view_of(self, post, *, thread_public: bool) -> CardView:
        own = post.author_id == self.user_id
        return CardView(
            member=self.member,
            own=own,
            hugged=post.pk in self.hugged,
            muted=not own and post.author_id in self.muted,
            folded=bool(post.public_content_warning)
            and post.public_content_warning in self.collapsed,
            thread_public=thread_public,
        )


@dataclass(frozen=True)
class PostRow:
    """What deciding a post's card takes: its public facts, not its text."""

    pk: int
    author_id: int
    handle: str
    state: str
    is_public: bool
    public_content_warning: str
    hug_count: int
    revision: int
    edited_at: object
    published_at: object

    @classmethod
    def from_values(cls, values: dict) -> "PostRow":
        return cls(**{name: values[name] for name in cls.__dataclass_fields__})


ROW_FIELDS = tuple(name for name in PostRow.__dataclass_fields__ if name != "handle")


def _stamp(post) -> str:
    parts = (post.revision, post.state, post.is_public, post.hug_count, post.edited_at,
             post.published_at, post.public_content_warning, post.handle)  # fmt: skip
    return hashlib.blake2s(repr(parts).encode(), digest_size=8).hexdigest()


def _key(post, view: CardView) -> str:
    return f"card:{post.pk}:{_stamp(post)}:{view.key()}"


def post_cards(posts: list[PostRow], reader: Reader, *, thread_public: bool) -> list[str]:
    """The HTML of each post's card, in order: from the cache where it can be, else rendered.

    Only the cards that must be rendered load their posts in full, in one query.
    """
    views = [reader.view_of(post, thread_public=thread_public) for post in posts]
    pairs = zip(posts, views, strict=True)
    keys = [_key(post, view) if post.is_public else None for post, view in pairs]
    cached = cache.get_many([key for key in keys if key])
    missing = [post.pk for post, key in zip(posts, keys, strict=True) if key not in cached]
    full = _full_posts(missing)
    template = get_template(CARD_TEMPLATE)
    fresh = {}
    cards = []
    for post, view, key in zip(posts, views, keys, strict=True):
        html = cached.get(key) if key else None
        if html is None:
            html = template.render({"post": full[post.pk], "view": view})
            if key:
                fresh[key] = html
        cards.append(mark_safe(html))  # noqa: S308  (our own template's output)
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
    return cards


def _full_posts(pks: list[int]) -> dict:
    if not pks:
        return {}
    posts = Post.objects.filter(pk__in=pks).select_related("author").defer("search_vector")
    return {post.pk: post for post in posts}
