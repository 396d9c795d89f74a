"""Cached thread pages: shared where readers see the same, never stale, never another's.

A thread's page of posts is kept in the cache under the thread's version (moved by
database triggers) and the reader's variant (community.thread_pages). These tests
read a page once so it is cached, change something by every kind of write path,
and read again.
"""

import json
import re

import pytest
from django.core.cache import cache
from django.db.models import F
from django.urls import reverse

from community.compiled import CompiledOnce
from community.models import Post, Thread, ThreadVersion
from community.services.engagement import hug_create
from community.services.threads import reply_create, thread_create
from moderation.services import content_delete
from tests.community.pages import page_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def thread_html(client, thread, **query):
    return page_text(client, reverse("thread_detail", args=[thread.pk]) + _query(query))


def _query(query):
    return "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""


def version_of(thread):
    return ThreadVersion.objects.get(thread_id=thread.pk).version


def test_every_change_to_a_post_moves_its_thread_to_a_new_version(
    published_thread, published_reply, talkabout, member
):
    other = thread_create(author=member, talkabout=talkabout, title="Another", body="Elsewhere.")
    elsewhere = version_of(other)
    seen = [version_of(published_thread)]

    def moved():
        seen.append(version_of(published_thread))
        return seen[-1] > seen[-2]

    reply_create(author=member, thread=published_thread, body="A new reply.")
    assert moved()
    # A bulk update, which no save() hook would see, moves it too.
    Post.objects.filter(pk=published_reply.pk).update(hug_count=F("hug_count") + 1)
    assert moved()
    published_reply.author.handle = "bob-renamed"
    published_reply.author.save()
    assert moved()
    published_reply.author.save()  # saved again, handle unchanged: nothing shown changed
    assert not moved()
    assert version_of(other) == elsewhere


def test_a_reply_taken_down_by_any_path_leaves_the_cached_page_at_once(
    signed_in, other_member, published_thread, member, approve
):
    reader = signed_in(other_member)
    kept = approve(reply_create(author=member, thread=published_thread, body="Kept reply."))
    pulled = approve(reply_create(author=member, thread=published_thread, body="Pulled reply."))
    deleted = approve(reply_create(author=member, thread=published_thread, body="Deleted reply."))
    before = thread_html(reader, published_thread)
    assert "Pulled reply." in before and "Deleted reply." in before

    Post.objects.filter(pk=pulled.pk).update(is_public=False)  # as a raw write would
    content_delete(item=deleted, author=member)

    after = thread_html(reader, published_thread)
    assert "Kept reply." in after
    assert "Pulled reply." not in after and "Deleted reply." not in after
    assert kept.pk


def test_a_pending_reply_shows_to_its_author_alone_though_the_page_is_shared(
    signed_in, member, other_member, published_thread, approve
):
    author, reader = signed_in(member), signed_in(other_member)
    thread_html(reader, published_thread)  # the shared page is cached before the reply
    reply = reply_create(author=member, thread=published_thread, body="Still being checked.")

    assert "Still being checked." in thread_html(author, published_thread)
    assert "Still being checked." not in thread_html(reader, published_thread)
    approve(reply)
    assert "Still being checked." in thread_html(reader, published_thread)


def test_one_readers_hug_does_not_show_as_anothers(
    signed_in, member, other_member, published_reply, published_thread
):
    hugger, bystander = signed_in(member), signed_in(UserFactory())
    thread_html(bystander, published_thread)
    hug_create(user=member, post=published_reply)

    mine = thread_html(hugger, published_thread)
    theirs = thread_html(bystander, published_thread)
    assert "Undo hug" in mine and "1 hug<" in mine
    assert "Undo hug" not in theirs and "1 hug<" in theirs


def test_page_last_opens_the_last_page(signed_in, other_member, published_thread, approve):
    for n in range(55):
        approve(reply_create(author=UserFactory(), thread=published_thread, body=f"Reply {n}."))
    last = thread_html(signed_in(other_member), published_thread, page="last")
    assert "Page 2 of 2" in last and "Reply 54." in last and "Reply 3." not in last


def test_a_compiled_query_refuses_values_written_into_its_sql():
    def build(limit):
        return Thread.objects.all()[:limit]  # LIMIT is written into the SQL, not passed

    with pytest.raises(ValueError, match="limit"):
        CompiledOnce(build, "limit").raw(Thread, limit=3)


def test_a_compiled_querys_first_row_is_what_raw_gives(published_thread, member, other_member):
    """With the ORM's converters applied, which a raw query skips: its JSON comes as text."""
    from community.selectors import _READING

    hug_create(user=other_member, post=published_thread.posts.get())  # a JSON list to decode
    for reader in (member, other_member):
        first = _READING.first(Thread, pk=published_thread.pk, uid=reader.pk)
        raw = next(iter(_READING.raw(Thread, pk=published_thread.pk, uid=reader.pk)))
        assert vars(first).keys() == vars(raw).keys()
        for name, value in vars(raw).items():
            if name != "_state":
                decoded = json.loads(value) if name.startswith("reader_") and value else value
                assert getattr(first, name) == decoded, name
        assert not first._state.adding and first._state.db == "default"
    assert _READING.first(Thread, pk=published_thread.pk + 1000, uid=member.pk) is None


def unread_shown(client, thread) -> int:
    found = re.search(r"\((\d+) new\)", thread_html(client, thread))
    return int(found.group(1)) if found else 0


def test_the_unread_count_read_with_the_page_is_the_members_own(
    signed_in, member, other_member, published_thread, published_reply
):
    author, hugger = signed_in(other_member), signed_in(member)
    before, hugger_before = (
        unread_shown(author, published_thread),
        unread_shown(hugger, published_thread),
    )
    hug_create(user=member, post=published_reply)  # the page and counts were cached before

    assert unread_shown(author, published_thread) == before + 1
    assert unread_shown(author, published_thread) == before + 1  # warm: page from the cache
    assert unread_shown(hugger, published_thread) == hugger_before


def test_made_up_page_numbers_share_the_few_pages_there_are(
    signed_in, other_member, published_thread, approve
):
    for n in range(55):
        approve(reply_create(author=UserFactory(), thread=published_thread, body=f"Reply {n}."))
    reader = signed_in(other_member)
    last = thread_html(reader, published_thread, page=2)
    for made_up in ("3", "99999", "-4", "0", "abc", "1e9"):
        shown = thread_html(reader, published_thread, page=made_up)
        assert ("Reply 54." in shown) == (made_up in ("3", "99999")), made_up
        assert shown.count('<article class="post') == (
            last.count('<article class="post') if "Reply 54." in shown else 50
        )
    pages = cache._cache.get_client().keys(f"*thread-page*:{published_thread.pk}:*")
    assert len(pages) == 2  # page 1 and page 2, whatever was asked
