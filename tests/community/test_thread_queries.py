"""A thread page costs a fixed number of queries, however many replies it has."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.services.threads import reply_create
from tests.auth import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
# Warm, for a reader seen before: the user, then the thread with the reader's facts.
WARM_QUERIES = 2


def add_replies(thread, count, approve, start=0):
    for n in range(start, start + count):
        author = UserFactory()
        approve(reply_create(author=author, thread=thread, body=f"Reply number {n}"))


def queries_for(client, url):
    cache.clear()  # cold: every post card is rendered, so its text is loaded too
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_fifty_replies_cost_no_more_queries_than_two(
    client, other_member, published_thread, approve
):
    sign_in(client, other_member)
    url = reverse("thread_detail", args=[published_thread.pk])
    add_replies(published_thread, 2, approve)
    client.get(url)  # the first visit creates the reader's preferences row
    few, _ = queries_for(client, url)
    add_replies(published_thread, 47, approve, start=2)
    many, response = queries_for(client, url)
    assert b"Reply number 48" in response.content  # 50 posts: the whole first page
    assert many == few
    assert many <= MAX_QUERIES
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    # Warm: the page of posts (and the session and unread count) come from the cache.
    assert len(warm) == WARM_QUERIES, [query["sql"][:80] for query in warm]


def test_the_thread_page_paginates_at_fifty(client, other_member, published_thread, approve):
    add_replies(published_thread, 50, approve)  # 51 posts with the opening one
    sign_in(client, other_member)
    url = reverse("thread_detail", args=[published_thread.pk])
    first = client.get(url)
    assert b"Reply number 48" in first.content and b"Reply number 49" not in first.content
    assert b"Reply number 49" in client.get(url, {"page": 2}).content
