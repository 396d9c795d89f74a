"""A form sent twice is stored once: the page's client id (Post.client_id).

Found by the fault suite (tests/faults): a reply whose answer was lost (a cut
connection, an error after the commit) and was sent again was stored twice.
"""

import re

import pytest
from django.urls import reverse

from community.models import Post, Thread
from community.services.threads import reply_create, thread_create
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def client_id_in(page) -> str:
    return re.search(r'name="client_id" value="([0-9a-f]{32})"', page.content.decode()).group(1)


def test_a_reply_resent_with_its_client_id_is_stored_once(member, other_member, published_thread):
    first = reply_create(author=other_member, thread=published_thread, body="Hi.", client_id="a1")
    again = reply_create(author=other_member, thread=published_thread, body="Hi.", client_id="a1")
    assert again.pk == first.pk
    assert Post.objects.filter(author=other_member).count() == 1


def test_a_thread_resent_with_its_client_id_is_started_once(member, talkabout):
    first = thread_create(author=member, talkabout=talkabout, title="T", body="B", client_id="t1")
    again = thread_create(author=member, talkabout=talkabout, title="T", body="B", client_id="t1")
    assert again.pk == first.pk
    assert Thread.objects.filter(author=member).count() == 1


def test_different_members_may_use_the_same_client_id(member, other_member, published_thread):
    mine = reply_create(author=member, thread=published_thread, body="One.", client_id="same")
    theirs = reply_create(
        author=other_member, thread=published_thread, body="Two.", client_id="same"
    )
    assert mine.pk != theirs.pk


def test_the_reply_form_sent_twice_makes_one_reply(client, other_member, published_thread):
    sign_in(client, other_member)
    page = client.get(reverse("thread_detail", args=[published_thread.pk]))
    form = {"body": "Sending strength.", "content_warning": "", "client_id": client_id_in(page)}
    url = reverse("reply_new", args=[published_thread.pk])
    first, second = client.post(url, form), client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Post.objects.filter(author=other_member).count() == 1


def test_each_form_gets_its_own_client_id(client, member, talkabout):
    sign_in(client, member)
    url = reverse("thread_new")
    first, second = client_id_in(client.get(url)), client_id_in(client.get(url))
    assert first != second
    form = {"talkabout": talkabout.pk, "title": "Hello", "body": "Hi all.", "client_id": first}
    assert client.post(url, form).status_code == 302
    assert client.post(url, {**form, "client_id": second}).status_code == 302
    assert Thread.objects.filter(author=member).count() == 2
