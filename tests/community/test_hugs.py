"""Hugs: one per member per post, undoable, anonymous to the author, and rate limited."""

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import Hug, Notification, NotificationKind
from community.services.engagement import hug_create
from community.services.threads import post_delete, reply_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def hug(client, post, **data):
    return client.post(reverse("post_hug", args=[post.pk]), data)


def hug_count(post):
    post.refresh_from_db()
    return post.hug_count


def test_a_second_hug_from_the_same_member_is_not_counted(signed_in, member, published_reply):
    alice = signed_in(member)
    first, second = hug(alice, published_reply), hug(alice, published_reply)

    assert first.status_code == second.status_code == 302
    assert hug_count(published_reply) == 1
    assert Hug.objects.filter(post=published_reply).count() == 1


def test_a_member_can_undo_their_hug(signed_in, member, published_reply):
    alice = signed_in(member)
    hug(alice, published_reply)
    hug(alice, published_reply, action="undo")

    assert hug_count(published_reply) == 0
    assert not Hug.objects.filter(post=published_reply).exists()


def test_undoing_a_hug_never_sent_leaves_the_count_alone(signed_in, member, published_reply):
    hug(signed_in(member), published_reply, action="undo")
    assert hug_count(published_reply) == 0


def test_the_count_adds_up_hugs_from_different_members(
    signed_in, member, published_reply, published_thread
):
    carol = UserFactory(handle="carol-finch")
    hug(signed_in(member), published_reply)
    carol_client = signed_in(carol)
    hug(carol_client, published_reply)
    assert hug_count(published_reply) == 2

    hug(carol_client, published_reply, action="undo")
    assert hug_count(published_reply) == 1
    page = carol_client.get(reverse("thread_detail", args=[published_thread.pk]))
    assert b"1 hug<" in page.content


def test_a_member_cannot_hug_their_own_post(signed_in, member, published_thread):
    opening = published_thread.posts.get()
    response = hug(signed_in(member), opening)

    assert response.status_code == 403
    assert b"your own post" in response.content
    assert hug_count(opening) == 0


def test_a_post_that_is_not_public_cannot_be_hugged(
    signed_in, member, other_member, published_thread
):
    held = reply_create(author=other_member, thread=published_thread, body="Still being checked.")
    response = hug(signed_in(member), held)

    assert response.status_code == 404
    assert hug_count(held) == 0


def test_a_deleted_post_cannot_be_hugged(signed_in, member, other_member, published_reply):
    post_delete(post=published_reply, author=other_member)
    assert hug(signed_in(member), published_reply).status_code == 404
    assert hug_count(published_reply) == 0


def test_only_members_can_hug(signed_in, guide, published_reply):
    assert hug(signed_in(guide), published_reply).status_code == 404
    signed_out = hug(Client(), published_reply)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("account_login"))
    assert hug_count(published_reply) == 0


def test_a_hug_without_a_csrf_token_is_refused(signed_in, member, published_reply):
    alice = signed_in(member)
    alice.handler.enforce_csrf_checks = True  # as a browser would be: the test client skips it
    assert hug(alice, published_reply).status_code == 403
    assert hug_count(published_reply) == 0


def test_hugs_are_only_accepted_as_posts(signed_in, member, published_reply):
    response = signed_in(member).get(reverse("post_hug", args=[published_reply.pk]))
    assert response.status_code == 405
    assert hug_count(published_reply) == 0


@pytest.fixture
def second_reply(published_thread, other_member, approve):
    return approve(reply_create(author=other_member, thread=published_thread, body="And again."))


def _limit_hugs(settings, limit):
    settings.HARBOUR_RATE_LIMITS = {**settings.HARBOUR_RATE_LIMITS, "hug": (limit, 3600)}


def test_over_the_hug_limit_the_member_is_told_when_to_try_again(
    settings, signed_in, member, published_reply, second_reply
):
    _limit_hugs(settings, 1)
    alice = signed_in(member)
    assert hug(alice, published_reply).status_code == 302

    response = hug(alice, second_reply)

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert b"You can send hugs again in about 60 minutes" in response.content
    assert hug_count(second_reply) == 0


def test_undoing_a_hug_does_not_use_up_the_limit(
    settings, signed_in, member, published_reply, second_reply
):
    _limit_hugs(settings, 2)
    alice = signed_in(member)
    hug(alice, published_reply)
    hug(alice, published_reply, action="undo")

    assert hug(alice, second_reply).status_code == 302
    assert hug_count(second_reply) == 1


def test_a_repeated_hug_does_not_use_up_the_limit(
    settings, signed_in, member, published_reply, second_reply
):
    _limit_hugs(settings, 2)
    alice = signed_in(member)
    hug(alice, published_reply)
    hug(alice, published_reply)

    assert hug(alice, second_reply).status_code == 302


def test_a_hug_tells_the_author_without_saying_who_sent_it(
    signed_in, member, other_member, published_reply, mailoutbox
):
    hug(signed_in(member), published_reply)

    notice = Notification.objects.get(recipient=other_member, kind=NotificationKind.HUG)
    assert notice.post == published_reply
    page = signed_in(other_member).get(reverse("notifications"))
    assert b"Someone sent a hug" in page.content
    assert member.handle.encode() not in page.content
    assert mailoutbox == []


def test_undoing_a_hug_does_not_notify_the_author(signed_in, member, other_member, published_reply):
    alice = signed_in(member)
    hug(alice, published_reply)
    Notification.objects.filter(recipient=other_member).update(read_at=timezone.now())

    hug(alice, published_reply, action="undo")

    assert not Notification.objects.filter(recipient=other_member, read_at=None).exists()


def test_hugs_the_author_has_not_seen_yet_make_one_notice(
    signed_in, member, other_member, published_reply
):
    alice = signed_in(member)
    for action in ("hug", "undo", "hug"):
        hug(alice, published_reply, action=action)

    unread = Notification.objects.filter(recipient=other_member, kind=NotificationKind.HUG)
    assert unread.count() == 1


def test_a_hug_lost_to_a_parallel_request_is_not_counted(monkeypatch, member, published_reply):
    Hug.objects.create(post=published_reply, user=member)  # the other request won the race
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # ...after our check

    assert hug_create(user=member, post=published_reply) is False
    assert hug_count(published_reply) == 0
    assert not Notification.objects.filter(kind=NotificationKind.HUG).exists()


def test_the_hug_button_shows_only_on_other_peoples_public_posts(
    signed_in, member, published_thread, published_reply
):
    alice = signed_in(member)
    url = reverse("thread_detail", args=[published_thread.pk])
    opening = published_thread.posts.get(is_opening=True)

    page = alice.get(url).content.decode()
    assert reverse("post_hug", args=[published_reply.pk]) in page
    assert reverse("post_hug", args=[opening.pk]) not in page
    assert 'aria-pressed="false">Hug<' in page

    hug(alice, published_reply)
    assert 'aria-pressed="true">Undo hug<' in alice.get(url).content.decode()


def test_guides_see_no_hug_button(signed_in, guide, published_thread, published_reply):
    page = signed_in(guide).get(reverse("thread_detail", args=[published_thread.pk]))
    assert reverse("post_hug", args=[published_reply.pk]).encode() not in page.content


def test_after_a_hug_the_member_is_back_at_the_same_page_and_post(
    signed_in, member, published_thread, published_reply
):
    thread_url = reverse("thread_detail", args=[published_thread.pk])
    response = hug(signed_in(member), published_reply, next=f"{thread_url}?page=2")
    assert response["Location"] == f"{thread_url}?page=2#post-{published_reply.pk}"


@pytest.mark.parametrize("next_url", ["https://elsewhere.example/", "//elsewhere.example/", "home"])
def test_a_hug_only_ever_leads_back_into_harbour(
    signed_in, member, published_thread, published_reply, next_url
):
    response = hug(signed_in(member), published_reply, next=next_url)
    thread_url = reverse("thread_detail", args=[published_thread.pk])
    assert response["Location"] == f"{thread_url}#post-{published_reply.pk}"
