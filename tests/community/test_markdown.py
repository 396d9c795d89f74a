"""Members' Markdown becomes safe HTML: no script, handler, or dangerous link survives. Pure."""

from html.parser import HTMLParser

import pytest

from community.markdown import plain_text, render

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed">x</p>',
    "<div onmouseover='alert(1)'>hover</div>",
    "[x](vbscript:msgbox(1))",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]

SAFE_TAGS = {"p", "em", "strong", "ul", "ol", "li", "blockquote", "br", "code", "a"}


class Elements(HTMLParser):
    """What a browser would build from the HTML: tags and their attributes."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS)
@pytest.mark.parametrize("allow_links", [True, False])
def test_no_payload_survives(payload, allow_links):
    for tag, attrs in Elements(render(payload, allow_links=allow_links)).found:
        assert tag in SAFE_TAGS, payload
        assert set(attrs) <= {"href", "rel"}, payload
        assert attrs.get("href", "https:").startswith(("https:", "http:")), payload


def test_the_subset_renders():
    html = render("Some *kind* **words**\n\n- one\n- two\n\n> a quote", allow_links=False)
    for tag in ("<em>kind</em>", "<strong>words</strong>", "<li>one</li>", "<blockquote>"):
        assert tag in html


def test_headings_and_images_are_not_part_of_the_subset():
    html = render("# Big\n\n![cat](https://example.org/cat.png)", allow_links=True)
    assert "<h1" not in html and "<img" not in html


def test_links_are_plain_text_for_new_members_and_safe_for_others():
    source = "[help](https://example.org/help)"
    assert "<a" not in render(source, allow_links=False)
    linked = render(source, allow_links=True)
    assert 'href="https://example.org/help"' in linked
    assert 'rel="nofollow noopener noreferrer ugc"' in linked


def test_plain_text_is_the_words_only():
    assert (
        plain_text(render("It's *fine* & <b>ok</b>", allow_links=False)) == "It's fine & <b>ok</b>"
    )
