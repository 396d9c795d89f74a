"""Bad input and rate limits: a clear message, and every word the member wrote kept."""

import pytest
from django.urls import reverse

from community.models import Thread
from tests.auth import sign_in
from tests.factories import TalkaboutFactory

pytestmark = pytest.mark.django_db

TYPED = "This is what I typed and must not lose"


@pytest.fixture
def writer(client, member):
    sign_in(client, member)
    return client


def new_thread(client, talkabout_id, **changes):
    data = {"talkabout": talkabout_id, "title": "My title", "body": TYPED, **changes}
    return client.post(reverse("thread_new"), data)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"body": ""}, "body", "write something"),
        ({"body": "   "}, "body", "write something"),
        ({"title": "t" * 151}, "title", "up to 150 characters"),
        ({"body": "b" * 10_001}, "body", "up to 10,000 characters"),
        ({"title": ""}, "title", "give your thread a title"),
    ],
)
def test_bad_thread_input_is_explained_and_kept(writer, talkabout, changes, field, words):
    response = new_thread(writer, talkabout.pk, **changes)
    assert response.status_code == 400
    assert words in " ".join(response.context["form"].errors[field])
    kept = changes.get("body", TYPED) if field != "body" else changes.get("title", "My title")
    assert kept.strip()[:50].encode() in response.content
    assert not Thread.objects.exists()


@pytest.mark.parametrize("archived", [True, False])
def test_an_archived_or_missing_talkabout_is_a_form_error(writer, archived):
    target = TalkaboutFactory(is_archived=True).pk if archived else 999_999
    response = new_thread(writer, target)
    assert response.status_code == 400
    assert "isn't open for new threads" in " ".join(response.context["form"].errors["talkabout"])
    assert TYPED.encode() in response.content


def test_too_many_threads_get_a_429_saying_when_and_keep_the_text(writer, talkabout, settings):
    settings.HARBOUR_RATE_LIMITS = {**settings.HARBOUR_RATE_LIMITS, "thread": (2, 3600)}
    for _ in range(2):
        assert new_thread(writer, talkabout.pk).status_code == 302
    response = new_thread(writer, talkabout.pk, body="My third thread, please keep it")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert b"You can start a thread again at" in response.content
    assert b"My third thread, please keep it" in response.content
    assert Thread.objects.count() == 2


def test_too_many_replies_get_a_429_and_keep_the_text(
    client, other_member, published_thread, settings
):
    settings.HARBOUR_RATE_LIMITS = {**settings.HARBOUR_RATE_LIMITS, "reply": (1, 3600)}
    sign_in(client, other_member)
    url = reverse("reply_new", args=[published_thread.pk])
    assert client.post(url, {"body": "first"}).status_code == 302
    response = client.post(url, {"body": "second reply I wrote"})
    assert response.status_code == 429
    assert b"second reply I wrote" in response.content
    assert b"You can reply again at" in response.content


def test_an_empty_reply_is_explained_and_nothing_is_stored(client, other_member, published_thread):
    sign_in(client, other_member)
    response = client.post(reverse("reply_new", args=[published_thread.pk]), {"body": ""})
    assert response.status_code == 400
    assert b"Please write something before posting." in response.content
    assert published_thread.posts.count() == 1
