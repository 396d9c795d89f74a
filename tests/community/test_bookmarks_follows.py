"""Bookmarks keep threads to come back to; following decides who hears about new replies."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Bookmark, Notification, NotificationKind, Thread, ThreadFollow
from community.services.threads import post_delete, reply_create, thread_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bobs_thread(other_member, talkabout, approve):
    thread = thread_create(
        author=other_member, talkabout=talkabout, title="A quiet evening", body="Hello."
    )
    approve(thread.posts.get())
    thread.refresh_from_db()
    return thread


def bookmark(client, thread, action="add", **data):
    return client.post(reverse("thread_bookmark", args=[thread.pk]), {"action": action, **data})


def follow(client, thread, action="follow"):
    return client.post(reverse("thread_follow", args=[thread.pk]), {"action": action})


def test_bookmarking_twice_keeps_one_bookmark(signed_in, member, bobs_thread):
    alice = signed_in(member)
    bookmark(alice, bobs_thread)
    response = bookmark(alice, bobs_thread)

    assert response["Location"] == reverse("thread_detail", args=[bobs_thread.pk])
    assert Bookmark.objects.filter(user=member, thread=bobs_thread).count() == 1


def test_a_member_can_remove_a_bookmark(signed_in, member, bobs_thread):
    alice = signed_in(member)
    bookmark(alice, bobs_thread)
    bookmark(alice, bobs_thread, action="remove")
    assert not Bookmark.objects.filter(user=member).exists()


def test_the_bookmarks_page_lists_only_threads_the_member_can_still_see(
    signed_in, member, other_member, talkabout, bobs_thread, published_thread
):
    held = thread_create(author=other_member, talkabout=talkabout, title="Held", body="Wait.")
    mine_held = thread_create(author=member, talkabout=talkabout, title="Mine", body="Held.")
    alice = signed_in(member)
    for thread in (bobs_thread, held, mine_held):
        Bookmark.objects.create(user=member, thread=thread)
    Bookmark.objects.create(user=other_member, thread=published_thread)  # someone else's

    page = alice.get(reverse("bookmarks"))

    listed = [thread.pk for thread in page.context["page"]]
    assert listed == [mine_held.pk, bobs_thread.pk]  # newest bookmark first
    assert b"A quiet evening" in page.content
    assert b"only you can see this" in page.content


def test_a_bookmarked_thread_its_author_deleted_leaves_the_list(
    signed_in, member, other_member, bobs_thread
):
    alice = signed_in(member)
    bookmark(alice, bobs_thread)
    post_delete(post=bobs_thread.posts.get(), author=other_member)

    page = alice.get(reverse("bookmarks"))
    assert list(page.context["page"]) == []
    assert b"A quiet evening" not in page.content


def test_bookmarks_come_thirty_to_a_page(signed_in, member, other_member, talkabout):
    for n in range(31):
        thread = Thread.objects.create(
            talkabout=talkabout, author=other_member, title=f"T{n}", public_title=f"T{n}",
            is_public=True,
        )  # fmt: skip
        Bookmark.objects.create(user=member, thread=thread)
    alice = signed_in(member)

    assert len(alice.get(reverse("bookmarks")).context["page"]) == 30
    assert len(alice.get(reverse("bookmarks"), {"page": 2}).context["page"]) == 1


def test_a_thread_the_member_cannot_see_cannot_be_bookmarked_or_followed(
    signed_in, member, other_member, talkabout
):
    held = thread_create(author=other_member, talkabout=talkabout, title="Held", body="Wait.")
    alice = signed_in(member)

    assert bookmark(alice, held).status_code == 404
    assert follow(alice, held).status_code == 404
    assert not Bookmark.objects.filter(user=member).exists()
    assert not ThreadFollow.objects.filter(user=member).exists()


def test_removing_a_bookmark_from_the_list_returns_to_the_list(signed_in, member, bobs_thread):
    alice = signed_in(member)
    bookmark(alice, bobs_thread)
    response = bookmark(alice, bobs_thread, action="remove", next=reverse("bookmarks"))
    assert response["Location"] == reverse("bookmarks")


def test_the_thread_page_shows_what_the_member_has_chosen(signed_in, member, published_thread):
    alice = signed_in(member)
    url = reverse("thread_detail", args=[published_thread.pk])
    page = alice.get(url).content
    assert b"Stop following" in page and b">Bookmark<" in page  # authors follow their threads

    bookmark(alice, published_thread)
    follow(alice, published_thread, action="unfollow")
    page = alice.get(url).content
    assert b">Follow<" in page and b"Remove bookmark" in page


def _reply_notices(user):
    return Notification.objects.filter(recipient=user, kind=NotificationKind.REPLY)


def test_following_a_thread_brings_its_new_replies(
    signed_in, other_member, published_thread, approve
):
    carol = UserFactory(handle="carol-finch")
    follow(signed_in(carol), published_thread)

    approve(reply_create(author=other_member, thread=published_thread, body="Hi."))

    assert _reply_notices(carol).count() == 1


def test_after_unfollowing_a_thread_its_replies_no_longer_notify(
    signed_in, member, other_member, published_thread, approve
):
    follow(signed_in(member), published_thread, action="unfollow")

    approve(reply_create(author=other_member, thread=published_thread, body="Hi."))

    assert not _reply_notices(member).exists()
    assert not ThreadFollow.objects.filter(user=member, thread=published_thread).exists()


def test_following_twice_keeps_one_follow(signed_in, member, bobs_thread):
    alice = signed_in(member)
    follow(alice, bobs_thread)
    follow(alice, bobs_thread)
    assert ThreadFollow.objects.filter(user=member, thread=bobs_thread).count() == 1


@pytest.mark.parametrize("name", ["thread_bookmark", "thread_follow"])
def test_only_members_can_bookmark_or_follow(signed_in, guide, published_thread, name):
    url = reverse(name, args=[published_thread.pk])
    assert signed_in(guide).post(url).status_code == 404
    assert Client().post(url)["Location"].startswith(reverse("account_login"))
