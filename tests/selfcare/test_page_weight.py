"""Measured, not promised: every self-care page weighs under 100 KB.

The weight is what a member's phone downloads on a first visit, uncompressed:
the HTML plus every stylesheet, image and script it links to. Pages are measured
with a long history (see pages.py), not an empty account.
"""

import re

import pytest

from tests.selfcare.pages import member_history_create, selfcare_urls

pytestmark = pytest.mark.django_db

LIMIT = 100 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|img[^>]+src|script[^>]+src)="(/[^"]+)"')


def page_weight(client, url) -> tuple[int, dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    sizes = {"html": len(html)}
    for asset in set(ASSET.findall(html.decode())):
        fetched = client.get(asset)
        assert fetched.status_code == 200, asset
        body = b"".join(fetched.streaming_content) if fetched.streaming else fetched.content
        sizes[asset] = len(body)
    assert "/static/css/harbour.css" in sizes, sizes  # the stylesheets are counted too
    return sum(sizes.values()), sizes


def test_every_self_care_page_is_under_100_kb(client_for, member, capsys):
    client = client_for(member)
    urls = selfcare_urls(member_history_create(member))
    heavy, weights = [], []
    for url in urls:
        total, sizes = page_weight(client, url)
        weights.append((total, url))
        if total >= LIMIT:
            heavy.append(f"{url}: {total} bytes {sizes}")
    with capsys.disabled():
        heaviest = max(weights)
        print(f"\nself-care pages: {len(weights)}, heaviest {heaviest[0]} bytes ({heaviest[1]})")
    assert heavy == []
