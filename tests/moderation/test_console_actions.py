"""The case page and each action on it: the item, the author's view, the audit log."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import Notification, NotificationKind, Post
from community.services.threads import reply_create, thread_create
from moderation.models import (
    AuditAction,
    AuditEntry,
    CaseNote,
    CasePriority,
    CaseState,
    GuideMessage,
    RemovalReason,
    ReviewCase,
)
from moderation.services import case_approve, case_open_for
from moderation.states import ModerationState
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def _post(url_name, client, case, data):
    return client.post(reverse(url_name, args=[case.pk]), data)


def test_the_case_page_highlights_rule_spans_and_shows_labels_and_context(
    client_for, guide, member, other_member, talkabout, held_post
):
    case = case_open_for(held_post)
    text = "Rough night\n\nCall me on 07700 900123"
    start = text.index("07700")
    ReviewCase.objects.filter(pk=case.pk).update(
        rules=[{"rule": "phone_number", "label": "personal_info", "start": start, "end": len(text)}]
    )
    page = client_for(guide).get(reverse("case_detail", args=[case.pk])).content.decode()
    assert '<mark title="phone_number">07700 900123</mark>' in page
    assert "harassment" in page  # the check's label
    assert "alice-wren" in page and "alice@example.com" not in page


def test_a_reply_is_shown_after_the_thread_it_answers(
    client_for, guide, member, other_member, talkabout, held_post
):
    case_approve(case=case_open_for(held_post), guide=guide)
    held_post.thread.refresh_from_db()
    reply = reply_create(author=other_member, thread=held_post.thread, body="Hang in there")
    page = client_for(guide).get(reverse("case_detail", args=[case_open_for(reply).pk]))
    assert [shown["who"] for shown in page.context["case"].context] == ["alice-wren"]


def test_opening_a_case_is_audited_and_renews_the_holders_lease(
    client_for, guide, held_post, claimed
):
    case = claimed(held_post, guide)
    ReviewCase.objects.filter(pk=case.pk).update(
        lease_expires_at=timezone.now() + timedelta(seconds=30)
    )
    client_for(guide).get(reverse("case_detail", args=[case.pk]), HTTP_X_REQUEST_ID="req-12345678")
    case.refresh_from_db()
    assert case.lease_expires_at > timezone.now() + timedelta(minutes=9)
    entry = AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).get()
    assert entry.request_id == "req-12345678" and entry.subject == f"case:{case.pk}"
    assert entry.actor and entry.target and entry.actor != entry.target


def test_a_guide_without_the_claim_is_refused_clearly(client_for, guide, lead, held_post, claimed):
    case = claimed(held_post, lead)
    response = _post("case_approve", client_for(guide), case, {})
    assert response.status_code == 403
    assert "Claim this case before acting on it" in response.content.decode()
    held_post.refresh_from_db()
    assert held_post.state == ModerationState.HELD


def test_approve_publishes_and_tells_the_author(client_for, guide, member, held_post, claimed):
    case = claimed(held_post, guide)
    response = _post("case_approve", client_for(guide), case, {"approve_form-message": "Welcome!"})
    assert response["Location"] == reverse("case_list")
    held_post.refresh_from_db()
    assert held_post.state == ModerationState.PUBLISHED and held_post.is_public
    assert Notification.objects.get(recipient=member).kind == NotificationKind.APPROVED
    entry = AuditEntry.objects.get(action=AuditAction.CASE_APPROVED)
    assert entry.reason == "Welcome!" and entry.actor_role == "guide"


def test_approve_with_a_redacting_edit(client_for, guide, member, other_member, held_post, claimed):
    case = claimed(held_post, guide)
    edited = "Rough night\n\nCall me on [number removed]"
    why = "We took out your phone number to keep you safe."
    response = _post(
        "case_redact", client_for(guide), case,
        {"redact_form-text": edited.replace("\n", "\r\n"), "redact_form-why": why},
    )  # fmt: skip
    assert response.status_code == 302
    post = Post.objects.get(pk=held_post.pk)
    assert post.is_public and "07700" not in post.public_html and "[number removed]" in post.body
    entry = AuditEntry.objects.get(action=AuditAction.CASE_APPROVED_REDACTED)
    assert "07700 900123" in entry.before and "07700" not in entry.after
    assert "-Call me on 07700 900123" in entry.diff and entry.reason == why
    note = Notification.objects.get(recipient=member)
    assert why in note.message and "07700 900123" in note.message  # what was taken out
    reader = Client()
    sign_in(reader, other_member)
    page = reader.get(reverse("thread_detail", args=[post.thread_id])).content.decode()
    assert "[number removed]" in page and "07700" not in page


def test_a_redaction_that_breaks_the_title_line_is_refused_and_kept(
    client_for, guide, held_post, claimed
):
    case = claimed(held_post, guide)
    response = _post(
        "case_redact", client_for(guide), case,
        {"redact_form-text": "no blank line here", "redact_form-why": "Phone number"},
    )  # fmt: skip
    assert response.status_code == 403
    assert "Keep the title on the first line" in response.content.decode()
    assert "no blank line here" in response.content.decode()  # what the guide typed is kept
    assert case_open_for(held_post).state == CaseState.OPEN


def test_remove_with_a_ready_written_reason_and_own_words(
    client_for, guide, member, held_post, claimed
):
    reason = RemovalReason.objects.get(title="Personal details")
    case = claimed(held_post, guide)
    _post(
        "case_remove", client_for(guide), case,
        {"remove_form-template": reason.pk, "remove_form-words": "Take care tonight."},
    )  # fmt: skip
    held_post.refresh_from_db()
    assert held_post.state == ModerationState.REMOVED and not held_post.is_public
    note = Notification.objects.get(recipient=member, kind=NotificationKind.REMOVED)
    assert note.message.startswith("We took this down because it shares personal details")
    assert note.message.endswith("Take care tonight.")
    assert AuditEntry.objects.get(action=AuditAction.CASE_REMOVED).before.startswith("Rough night")


def test_remove_without_any_reason_is_a_form_error(client_for, guide, held_post, claimed):
    case = claimed(held_post, guide)
    response = _post("case_remove", client_for(guide), case, {})
    assert response.status_code == 400
    assert "Please choose a reason or write one" in response.content.decode()


def test_the_seeded_reasons_fit_the_kind_of_item(client_for, guide, held_post, claimed):
    page = client_for(guide).get(reverse("case_detail", args=[claimed(held_post, guide).pk]))
    page = page.content.decode()
    assert "Better in another Talkabout" in page and "Not right for the wall" not in page


def test_messages_between_a_member_and_the_wall_guides(
    client_for, guide, member, held_post, claimed
):
    case = claimed(held_post, guide)
    guide_client = client_for(guide)
    _post("case_message", guide_client, case, {"message_form-body": "How are you tonight?"})
    member_client = Client()
    sign_in(member_client, member)
    inbox = member_client.get(reverse("guide_messages")).content.decode()
    assert "How are you tonight?" in inbox and "Wall Guides" in inbox
    assert "guide-charlie" not in inbox
    member_client.post(reverse("guide_messages"), {"body": "Better, thank you."})
    case_page = guide_client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Better, thank you." in case_page
    assert AuditEntry.objects.get(action=AuditAction.MEMBER_MESSAGED).after == (
        "How are you tonight?"
    )
    assert GuideMessage.objects.get(from_member=False).read_at is not None


def test_a_reply_that_suggests_immediate_risk_makes_the_case_urgent(
    client_for, guide, member, held_post, claimed
):
    case = claimed(held_post, guide)
    _post("case_message", client_for(guide), case, {"message_form-body": "We're here."})
    member_client = Client()
    sign_in(member_client, member)
    member_client.post(reverse("guide_messages"), {"body": "I'm going to kill myself tonight"})
    case.refresh_from_db()
    assert case.priority == CasePriority.URGENT
    assert GuideMessage.objects.get(from_member=True).rules


def test_a_member_cannot_start_a_conversation_alone(member):
    client = Client()
    sign_in(client, member)
    page = client.get(reverse("guide_messages")).content.decode()
    assert "No messages yet" in page and "Send to the Wall Guides" not in page
    assert client.post(reverse("guide_messages"), {"body": "hi"}).status_code == 400


def test_escalate_makes_the_case_urgent_and_the_item_escalated(
    client_for, guide, held_post, claimed
):
    case = claimed(held_post, guide)
    _post("case_escalate", client_for(guide), case, {"escalate_form-reason": "Plan and means"})
    case.refresh_from_db()
    held_post.refresh_from_db()
    assert case.priority == CasePriority.URGENT and held_post.state == ModerationState.ESCALATED
    assert case.claimed_by == guide  # still theirs to follow up
    assert AuditEntry.objects.get(action=AuditAction.CASE_ESCALATED).reason == "Plan and means"


def test_a_private_note_is_kept_for_guides_only(client_for, guide, member, held_post, claimed):
    case = claimed(held_post, guide)
    _post("case_note", client_for(guide), case, {"note_form-text": "Known to us; kind tone."})
    assert CaseNote.objects.get(case=case).text == "Known to us; kind tone."
    member_client = Client()
    sign_in(member_client, member)
    for url in (reverse("guide_messages"), reverse("my_posts")):
        assert "Known to us" not in member_client.get(url).content.decode()


def test_holding_recent_items_pulls_back_only_the_last_day(
    client_for, guide, member, talkabout, held_post, claimed
):
    recent = thread_create(author=member, talkabout=talkabout, title="Recent", body="x")
    older = thread_create(author=member, talkabout=talkabout, title="Older", body="y")
    for thread in (recent, older):
        post = thread.posts.get()
        case_approve(case=case_open_for(post), guide=guide)
    Post.objects.filter(thread=older).update(published_at=timezone.now() - timedelta(days=2))
    case = claimed(held_post, guide)
    _post("case_hold_recent", client_for(guide), case, {"hold_form-reason": "Pattern tonight"})
    recent_post, older_post = recent.posts.get(), older.posts.get()
    assert recent_post.state == ModerationState.HELD and not recent_post.is_public
    assert older_post.state == ModerationState.PUBLISHED
    assert case_open_for(recent_post).priority == CasePriority.HIGH
    entry = AuditEntry.objects.get(action=AuditAction.MEMBER_ITEMS_HELD)
    assert entry.after == f"community.post:{recent_post.pk}"


def test_the_risk_timeline_is_newest_first_with_decisions(
    client_for, guide, member, talkabout, held_post, claimed
):
    earlier = thread_create(author=member, talkabout=talkabout, title="Earlier", body="z")
    earlier_case = case_open_for(earlier.posts.get())
    ReviewCase.objects.filter(pk=earlier_case.pk).update(
        opened_at=timezone.now() - timedelta(days=3)
    )
    case_approve(case=earlier_case, guide=guide, message="Fine")
    case = claimed(held_post, guide)
    timeline = client_for(guide).get(reverse("case_detail", args=[case.pk])).context["timeline"]
    whens = [event["when"] for event in timeline]
    assert whens == sorted(whens, reverse=True)
    assert any(event["what"].startswith("Decision: approved") for event in timeline)
    assert any(event["what"].startswith("Automatic check") for event in timeline)


def test_a_reply_after_the_case_closed_is_not_left_unseen(
    client_for, guide, member, held_post, claimed
):
    case = claimed(held_post, guide)
    guide_client = client_for(guide)
    _post("case_message", guide_client, case, {"message_form-body": "We're here for you."})
    _post("case_approve", guide_client, case, {})
    member_client = Client()
    sign_in(member_client, member)
    member_client.post(reverse("guide_messages"), {"body": "Actually it got worse."})
    queue = guide_client.get(reverse("case_list"))
    assert [reply.member for reply in queue.context["replies"]] == [member]
    page = guide_client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Actually it got worse." in page
    _post("case_message", guide_client, case, {"message_form-body": "Thank you for telling us."})
    assert GuideMessage.objects.filter(from_member=False).count() == 2
    assert guide_client.get(reverse("case_list")).context["replies"] == []
