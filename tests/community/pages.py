"""Small helpers shared by the forum's tests."""

import html

from django.test import Client


def logged_in(user) -> Client:
    """A client signed in without the login pages (for members: no second factor)."""
    client = Client()
    client.force_login(user)
    return client


def page_text(client, url) -> str:
    """The page at `url`, which must answer 200, with entities decoded."""
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())
