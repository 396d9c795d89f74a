"""Members write in a small Markdown subset; what reaches a page is sanitised HTML.

Two locks: markdown-it renders with raw HTML off, then nh3 keeps only the
handful of tags the subset produces. Links are shown as plain text unless the
author may post links (members older than 14 days).
"""

import html as html_lib

import nh3
from markdown_it import MarkdownIt

_RULES = ["paragraph", "emphasis", "list", "blockquote", "newline", "escape", "backticks"]

_with_links = MarkdownIt("zero", {"breaks": True}).enable(_RULES + ["link"])
_without_links = MarkdownIt("zero", {"breaks": True}).enable(_RULES)

_TAGS = {"p", "em", "strong", "ul", "ol", "li", "blockquote", "br", "code"}
_LINK_TAGS = _TAGS | {"a"}


def render(text: str, *, allow_links: bool) -> str:
    """Markdown subset to safe HTML."""
    if allow_links:
        html = _with_links.render(text)
        return nh3.clean(
            html,
            tags=_LINK_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel="nofollow noopener noreferrer ugc",
        )
    return nh3.clean(_without_links.render(text), tags=_TAGS, attributes={})


def plain_text(html: str) -> str:
    """The words of rendered HTML, for search."""
    return html_lib.unescape(nh3.clean(html, tags=set(), attributes={})).strip()
