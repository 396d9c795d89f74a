"""In-app notifications: kind words, only what the member can still see, never by email."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from community.context_processors import unread_notifications
from community.models import Notification, NotificationKind
from community.services.threads import post_delete, reply_create, thread_create
from moderation.models import ReportReason
from moderation.services import case_open_for, case_remove, report_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPLY_WORDS = "words-from-a-reply-that-went-away"


def mark_all_read(user):
    Notification.objects.filter(recipient=user).update(read_at=timezone.now())


def listed(client):
    return client.get(reverse("notifications")).context["items"]


def test_a_reply_in_a_followed_thread_is_a_notification_linking_to_it(
    signed_in, member, published_thread, published_reply
):
    page = signed_in(member).get(reverse("notifications"))

    thread_url = reverse("thread_detail", args=[published_thread.pk])
    assert f'href="{thread_url}#post-{published_reply.pk}"'.encode() in page.content
    assert "There's a new reply in “Rough week”".encode() in page.content.replace(b"&#x27;", b"'")


def test_a_member_sees_only_their_own_notifications(
    signed_in, member, other_member, published_reply
):
    carol = UserFactory(handle="carol-finch")
    assert Notification.objects.filter(recipient=member).exists()
    assert listed(signed_in(carol)) == []


@pytest.fixture
def reply_with_words(published_thread, other_member, approve):
    return approve(reply_create(author=other_member, thread=published_thread, body=REPLY_WORDS))


def _delete(reply, reviewer, settings):
    post_delete(post=reply, author=reply.author)


def _remove(reply, reviewer, settings):
    report_submit(item=reply, reporter=UserFactory(), reason=ReportReason.HARASSMENT)
    case_remove(case=case_open_for(reply), guide=reviewer, reason="Please keep it kind.")


def _pull_back(reply, reviewer, settings):
    settings.HARBOUR_REPORTS_TO_HOLD = 1
    report_submit(item=reply, reporter=UserFactory(), reason=ReportReason.HARASSMENT)


@pytest.mark.parametrize("hide", [_delete, _remove, _pull_back], ids=lambda f: f.__name__[1:])
def test_a_reply_no_longer_public_drops_out_of_the_followers_notifications(
    hide, settings, signed_in, member, reply_with_words, reviewer
):
    hide(reply_with_words, reviewer, settings)
    reply_with_words.refresh_from_db()
    assert not reply_with_words.is_public

    page = signed_in(member).get(reverse("notifications"))

    assert f"post-{reply_with_words.pk}".encode() not in page.content
    assert REPLY_WORDS.encode() not in page.content
    assert not any("new reply" in item.sentence for item in page.context["items"])


def test_a_notification_in_a_thread_no_longer_public_shows_nothing_of_it(
    signed_in, member, other_member, talkabout, approve
):
    thread = thread_create(
        author=other_member, talkabout=talkabout, title="Secret title", body="Opening."
    )
    approve(thread.posts.get())
    thread.refresh_from_db()
    alice = signed_in(member)
    alice.post(reverse("thread_follow", args=[thread.pk]), {"action": "follow"})
    approve(reply_create(author=UserFactory(), thread=thread, body="A reply."))
    assert len(listed(alice)) == 1

    post_delete(post=thread.posts.get(is_opening=True), author=other_member)

    page = alice.get(reverse("notifications"))
    assert page.context["items"] == []
    assert b"Secret title" not in page.content


def test_a_guides_removal_tells_the_author_why(signed_in, other_member, published_thread, reviewer):
    held = reply_create(author=other_member, thread=published_thread, body="Call me on 0770.")
    case_remove(case=case_open_for(held), guide=reviewer, reason="Phone numbers aren't allowed.")

    page = signed_in(other_member).get(reverse("notifications"))

    assert b"A Wall Guide removed your post" in page.content
    assert b"Phone numbers aren&#x27;t allowed." in page.content
    assert b"0770" not in page.content


def test_a_guides_decision_on_a_deleted_item_keeps_the_words_but_no_link(
    signed_in, other_member, published_reply
):
    post_delete(post=published_reply, author=other_member)

    (item,) = listed(signed_in(other_member))

    assert item.sentence == "A Wall Guide has published your post."
    assert item.url == ""


def test_the_nav_shows_a_member_how_many_notifications_are_unread(
    signed_in, member, published_reply
):
    mark_all_read(member)
    Notification.objects.create(recipient=member, kind=NotificationKind.HUG,
                                thread=published_reply.thread,
                                post=published_reply.thread.posts.get(is_opening=True))  # fmt: skip

    page = signed_in(member).get(reverse("talkabout_list"))

    assert b"(1 new)" in page.content


def test_opening_the_list_does_not_mark_anything_read(signed_in, member, published_reply):
    alice = signed_in(member)
    alice.get(reverse("notifications"))
    assert Notification.objects.filter(recipient=member, read_at=None).exists()


def test_mark_all_read_clears_the_unread_count(signed_in, member, other_member, published_reply):
    Notification.objects.create(recipient=other_member, kind=NotificationKind.HUG)
    alice = signed_in(member)

    response = alice.post(reverse("notifications_mark_read"))

    assert response["Location"] == reverse("notifications")
    assert not Notification.objects.filter(recipient=member, read_at=None).exists()
    assert Notification.objects.filter(recipient=other_member, read_at=None).exists()
    assert b" new)" not in alice.get(reverse("notifications")).content


def test_the_unread_count_is_one_query_for_members_and_none_for_others(
    django_assert_num_queries, member, guide, published_reply
):
    request = RequestFactory().get("/")
    request.user = guide
    assert unread_notifications(request) == {}

    request.user = member
    context = unread_notifications(request)
    with django_assert_num_queries(1):
        assert context["unread_notification_count"] == 2  # their opening post published, a reply


def test_signed_out_visitors_get_no_count():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert unread_notifications(request) == {}


def test_notifications_come_newest_first_thirty_to_a_page(signed_in, member):
    start = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=member, kind=NotificationKind.APPROVED, message=f"note {n}",
            created_at=start - datetime.timedelta(minutes=n),
        )
        for n in range(31)
    )  # fmt: skip
    alice = signed_in(member)

    first = listed(alice)
    assert len(first) == 30
    assert [item.message for item in first[:2]] == ["note 0", "note 1"]
    second = alice.get(reverse("notifications"), {"page": 2}).context["items"]
    assert [item.message for item in second] == ["note 30"]


def test_notifications_are_never_emailed(signed_in, member, published_reply, mailoutbox):
    signed_in(member).post(reverse("post_hug", args=[published_reply.pk]))
    assert Notification.objects.filter(kind=NotificationKind.HUG).exists()
    assert Notification.objects.filter(kind=NotificationKind.REPLY).exists()
    assert mailoutbox == []


ENGAGEMENT_PAGES = [
    ("get", "notifications", []),
    ("get", "bookmarks", []),
    ("post", "notifications_mark_read", []),
]


@pytest.mark.parametrize(("method", "name", "args"), ENGAGEMENT_PAGES)
def test_only_members_reach_the_notification_and_bookmark_pages(
    signed_in, guide, org_admin, method, name, args
):
    url = reverse(name, args=args)
    for person in (guide, org_admin):
        assert getattr(signed_in(person), method)(url).status_code == 404
    assert getattr(Client(), method)(url)["Location"].startswith(reverse("account_login"))
