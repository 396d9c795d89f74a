"""Forum writes go through moderation: held, approved, removed, deleted."""

import pytest
from django.urls import reverse

from community.models import Notification, NotificationKind
from community.services.threads import PostingRefused, post_delete, post_edit, thread_create
from moderation.models import CasePriority, CaseState, HeldReason, ReviewCase
from moderation.services import ModerationRefused, case_open_for, case_remove
from moderation.states import ModerationState
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def test_a_new_thread_is_held_for_a_guide_with_an_open_case(member, talkabout):
    thread = thread_create(author=member, talkabout=talkabout, title="Hi", body="First post")
    post = thread.posts.get()
    assert post.state == ModerationState.HELD and not post.is_public
    case = case_open_for(post)
    assert case.reason == HeldReason.AUTO_REVIEW and case.priority == CasePriority.NORMAL


def test_approval_publishes_and_tells_the_author(member, published_thread):
    post = published_thread.posts.get()
    assert post.state == ModerationState.PUBLISHED and post.is_public
    assert published_thread.is_public and published_thread.public_title == "Rough week"
    note = Notification.objects.get(recipient=member)
    assert note.kind == NotificationKind.APPROVED


def test_removal_needs_a_reason_and_the_author_sees_it(member, talkabout, reviewer):
    post = thread_create(author=member, talkabout=talkabout, title="Hi", body="x").posts.get()
    with pytest.raises(ModerationRefused):
        case_remove(case=case_open_for(post), guide=reviewer, reason="  ")
    case_remove(case=case_open_for(post), guide=reviewer, reason="Please leave out names.")
    post.refresh_from_db()
    assert post.state == ModerationState.REMOVED and not post.is_public
    note = Notification.objects.get(recipient=member, kind=NotificationKind.REMOVED)
    assert note.message == "Please leave out names."


def test_deleting_is_soft_and_closes_an_ordinary_case(member, talkabout):
    post = thread_create(author=member, talkabout=talkabout, title="Hi", body="x").posts.get()
    post_delete(post=post, author=member)
    post.refresh_from_db()
    assert post.state == ModerationState.DELETED and post.body == "x"
    assert ReviewCase.objects.get().state == CaseState.CLOSED


def test_deleting_leaves_an_urgent_case_open(member, talkabout):
    post = thread_create(author=member, talkabout=talkabout, title="Hi", body="x").posts.get()
    ReviewCase.objects.filter(object_id=post.pk).update(priority=CasePriority.URGENT)
    post_delete(post=post, author=member)
    assert ReviewCase.objects.get().state == CaseState.OPEN


def test_a_held_post_cannot_be_edited_yet(member, talkabout):
    post = thread_create(author=member, talkabout=talkabout, title="Hi", body="x").posts.get()
    with pytest.raises(PostingRefused, match="Wall Guide is looking"):
        post_edit(post=post, author=member, body="y")


def test_only_the_author_can_edit_or_delete(client, other_member, published_thread):
    post = published_thread.posts.get()
    sign_in(client, other_member)
    assert client.get(reverse("post_edit", args=[post.pk])).status_code == 404
    assert client.post(reverse("post_delete", args=[post.pk])).status_code == 404
    post.refresh_from_db()
    assert post.state == ModerationState.PUBLISHED


def test_an_edit_opens_a_new_case_for_the_new_revision(member, published_thread):
    post = published_thread.posts.get()
    post_edit(post=post, author=member, body="Second thoughts", title="Rough week")
    post.refresh_from_db()
    assert post.revision == 2
    assert case_open_for(post).revision == 2


def test_a_guide_approves_from_the_review_queue(client, guide, member, talkabout):
    post = thread_create(author=member, talkabout=talkabout, title="Hi", body="x").posts.get()
    sign_in(client, guide)
    listing = client.get(reverse("case_list"))
    assert b"Hi" in listing.content
    case = case_open_for(post)
    assert client.post(reverse("case_next"))["Location"] == reverse("case_detail", args=[case.pk])
    client.post(reverse("case_approve", args=[case.pk]))
    post.refresh_from_db()
    assert post.is_public


def test_replying_to_a_thread_others_cannot_see_is_not_found(
    client, other_member, member, talkabout
):
    thread = thread_create(author=member, talkabout=talkabout, title="Hi", body="x")
    sign_in(client, other_member)
    response = client.post(reverse("reply_new", args=[thread.pk]), {"body": "hello"})
    assert response.status_code == 404
