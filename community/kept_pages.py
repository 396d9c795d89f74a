"""A reader's whole thread page, kept so that opening it again unchanged costs no
template work.

The posts on a page are already rendered once and shared between readers
(community.thread_pages); this keeps the page around them, for one reader. Its key
holds everything the page is rendered from: the address, the reader (id, handle,
role, their organisation's branding and notice, whether the feedback invitation is
due), and the thread as read for this request (its version, which moves with every
change to its posts; its titles and Talkabout; the reader's bookmark, follow, mutes,
hugs, own posts and collapsed warnings). A change to any of them is a new key, so
nothing needs forgetting, and one reader's page is never another's.

What differs on every request, the CSRF token and the reply form's client id, is
rendered as a random mark and put in on the way out; so are the posts, which are
kept once for every reader who sees them alike (community.thread_pages) and read in
the same round trip. A page with messages to show or
with crisis help on it is rendered afresh every time and never kept.

The unread count in the navigation changes more often than anything else and is read
in that round trip too: a page is kept with the count it shows and used
only while the count still holds.

With HARBOUR_KEPT_PAGES_CHECK on (the test settings), every page served from here is
also rendered afresh and compared, so a template that shows something the key does
not hold fails the tests instead of serving a stale page.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache

# Part of every key: a deploy that changes how the page looks, or what is kept of
# it, starts afresh.
LAYOUT = "2"
KEPT_SECONDS = 600


class StalePage(AssertionError):
    """A kept page differs from the page rendered afresh (HARBOUR_KEPT_PAGES_CHECK)."""


@dataclass(frozen=True)
class KeptPage:
    """The page around the posts: they are kept once for every reader who sees them
    alike (community.thread_pages) and put in here on the way out, with the token and
    the client id."""

    html: str
    marks: "Marks"
    shows_csrf_token: bool
    unread: int | None

    @classmethod
    def of(cls, html: str, *, marks: "Marks", unread):
        return cls(html, marks, marks.csrf in html, unread)

    def html_with(self, *, posts_html: str, csrf_token: str | None, client_id: str) -> str:
        html = self.html.replace(self.marks.client, client_id)
        if self.shows_csrf_token:
            html = html.replace(self.marks.csrf, csrf_token)
        # Last: the posts are members' words, which must not be searched for marks.
        return html.replace(self.marks.posts, posts_html)


@dataclass(frozen=True)
class Marks:
    """Random stand-ins, while rendering, for what each request puts in."""

    csrf: str
    client: str
    posts: str

    @classmethod
    def new(cls) -> "Marks":
        return cls(*(f"{part}{secrets.token_hex(16)}" for part in ("csrf", "client", "posts")))


def kept_page_key(request, parts: tuple) -> str | None:
    """The key of this reader's page rendered from `parts`, or None when it must be
    rendered afresh (messages are waiting to be shown)."""
    if len(get_messages(request)):
        return None
    described = repr((LAYOUT, request.get_full_path(), request.user.pk, *parts))
    return "kept-page:" + hashlib.blake2s(described.encode(), digest_size=16).hexdigest()


def page_keep(key: str, page: KeptPage) -> None:
    cache.set(key, page, KEPT_SECONDS)


def kept_page_usable(page: KeptPage | None, unread: int | None) -> bool:
    return page is not None and page.unread == unread


def kept_page_check(served, fresh) -> None:
    """Under HARBOUR_KEPT_PAGES_CHECK: the kept page must be the page rendered afresh."""
    if settings.HARBOUR_KEPT_PAGES_CHECK and served.content != fresh.content:
        raise StalePage("a kept thread page differs from the page rendered afresh")
