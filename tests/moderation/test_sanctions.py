"""Sanctions and appeals: a warning, a posting pause for N hours and a suspension, each
with a reason the member reads; enforced wherever a member writes; one appeal per
removal or sanction; a lead decides and both sides see the result."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Post
from community.services.bricks import brick_create
from community.services.threads import PostingRefused, reply_create, thread_create
from moderation.errors import ModerationRefused
from moderation.models import (
    Appeal,
    AppealState,
    AuditAction,
    AuditEntry,
    GuideMessage,
    Sanction,
    SanctionKind,
)
from moderation.sanctions import appeal_decide, appeal_submit, sanction_issue
from moderation.selectors import posting_blocked
from moderation.services import case_open_for, case_remove
from moderation.states import ModerationState

pytestmark = pytest.mark.django_db


def _sanction(client, case, kind, hours="", reason="Please keep other people's names out."):
    return client.post(
        reverse("case_sanction", args=[case.pk]),
        {"sanction_form-kind": kind, "sanction_form-hours": hours, "sanction_form-reason": reason},
    )


def test_a_pause_stops_every_kind_of_posting_with_the_reason(
    client_for, guide, member, other_member, held_post, claimed, talkabout, settings
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    public = thread_create(author=other_member, talkabout=talkabout, title="Hi", body="Anyone?")
    public.refresh_from_db()  # published by the check
    case = claimed(held_post, guide)
    assert _sanction(client_for(guide), case, "pause", hours="24").status_code == 302
    sanction = Sanction.objects.get()
    assert sanction.ends_at == pytest.approx(
        timezone.now() + timedelta(hours=24), abs=timedelta(minutes=1)
    )
    with pytest.raises(PostingRefused, match="Please keep other people's names out"):
        thread_create(author=member, talkabout=talkabout, title="Hi", body="Back again")
    with pytest.raises(PostingRefused, match="paused until"):
        reply_create(author=member, thread=public, body="More")
    with pytest.raises(PostingRefused):
        brick_create(author=member, body="Small steps", colour="sea")
    assert AuditEntry.objects.filter(action=AuditAction.SANCTION_ISSUED).count() == 1


def test_a_paused_member_reads_the_refusal_on_the_page_and_keeps_their_words(
    client_for, guide, member, held_post, talkabout
):
    sanction_issue(guide=guide, member=member, kind="pause", hours=2, reason="Take a breath.")
    response = client_for(member).post(
        reverse("thread_new"),
        {"talkabout": talkabout.pk, "title": "Still here", "body": "Words I typed with care"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Take a breath." in page and "Words I typed with care" in page


def test_a_paused_member_adding_a_brick_reads_why_and_keeps_their_words(client_for, guide, member):
    sanction_issue(guide=guide, member=member, kind="pause", hours=2, reason="Take a breath.")
    response = client_for(member).post(
        reverse("brick_wall"), {"body": "A brick I wrote with care", "colour": "sea"}
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Take a breath." in page and "A brick I wrote with care" in page


def test_a_pause_ends_by_itself_and_a_warning_blocks_nothing(guide, member):
    sanction = sanction_issue(guide=guide, member=member, kind="pause", hours=1, reason="Cool off")
    assert posting_blocked(member)
    Sanction.objects.filter(pk=sanction.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    assert posting_blocked(member) is None
    sanction_issue(guide=guide, member=member, kind="warning", reason="Mind the house rules")
    assert posting_blocked(member) is None


def test_a_suspension_lasts_until_a_lead_lifts_it(
    signed_in, guide, lead, member, held_post, claimed
):
    case = claimed(held_post, guide)
    guide_client = signed_in(guide)
    _sanction(guide_client, case, "suspension")
    sanction = Sanction.objects.get()
    assert sanction.ends_at is None
    assert "suspended" in posting_blocked(member)
    assert guide_client.post(reverse("sanction_lift", args=[sanction.pk])).status_code == 404
    signed_in(lead).post(reverse("sanction_lift", args=[sanction.pk]))
    assert posting_blocked(member) is None
    assert AuditEntry.objects.filter(action=AuditAction.SANCTION_LIFTED).count() == 1


def test_the_member_reads_the_reason_in_their_messages_and_on_their_standing_page(
    client_for, guide, member
):
    sanction_issue(guide=guide, member=member, kind="warning", reason="Mind the house rules.")
    message = GuideMessage.objects.get(member=member)
    assert "Mind the house rules." in message.body and not message.from_member
    page = client_for(member).get(reverse("member_standing")).content.decode()
    assert "Warning" in page and "Mind the house rules." in page and "Appeal this" in page
    assert "guide-charlie" not in page


def test_only_members_are_sanctioned_and_a_pause_needs_its_hours(guide, lead, member):
    with pytest.raises(ModerationRefused):
        sanction_issue(guide=guide, member=lead, kind="warning", reason="No")
    with pytest.raises(ModerationRefused, match="how many hours"):
        sanction_issue(guide=guide, member=member, kind=SanctionKind.PAUSE, reason="Cool off")
    with pytest.raises(ModerationRefused):
        sanction_issue(guide=member, member=member, kind="warning", reason="Self-service")


@pytest.fixture
def removed_case(guide, held_post):
    return case_remove(
        case=case_open_for(held_post), guide=guide, reason="Phone numbers can't be shared."
    )


def _appeal(client, text="It was my own number, for a friend.", **target):
    return client.post(reverse("appeal_new"), {"text": text, **target})


def test_a_member_appeals_a_removal_once(signed_in, member, removed_case, lead):
    client = signed_in(member)
    assert _appeal(client, case=removed_case.pk).status_code == 302
    second = _appeal(client, text="Please look again", case=removed_case.pk)
    assert second.status_code == 400
    assert "already appealed" in second.content.decode()
    assert Appeal.objects.count() == 1
    lead_client = signed_in(lead)
    assert "appealed a removal" in lead_client.get(reverse("case_list")).content.decode()
    appeals = lead_client.get(reverse("appeal_list")).content.decode()
    assert "It was my own number, for a friend." in appeals
    assert "Phone numbers can&#x27;t be shared." in appeals


def test_a_member_cannot_appeal_someone_elses_removal(client_for, other_member, removed_case):
    response = _appeal(client_for(other_member), case=removed_case.pk)
    assert response.status_code == 400
    assert not Appeal.objects.exists()


def test_an_upheld_appeal_publishes_the_item_and_both_sides_see_it(
    signed_in, member, guide, lead, removed_case, held_post
):
    appeal = appeal_submit(member=member, text="It was a helpline number.", case=removed_case)
    response = signed_in(lead).post(
        reverse("appeal_decide", args=[appeal.pk]),
        {"uphold": "yes", "note": "You're right: it is a public helpline."},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == AppealState.UPHELD and appeal.decided_by == lead
    post = Post.objects.get(pk=held_post.pk)
    assert post.state == ModerationState.PUBLISHED and post.is_public
    standing = signed_in(member).get(reverse("member_standing")).content.decode()
    assert "Upheld" in standing and "it is a public helpline" in standing
    assert GuideMessage.objects.filter(member=member, body__contains="was upheld").exists()
    case_page = signed_in(guide).get(reverse("case_detail", args=[removed_case.pk]))
    assert "it is a public helpline" in case_page.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.APPEAL_DECIDED).count() == 1


def test_a_rejected_appeal_leaves_the_item_removed(member, lead, removed_case, held_post):
    appeal = appeal_submit(member=member, text="Please", case=removed_case)
    appeal_decide(lead=lead, appeal=appeal, uphold=False, note="The number was personal.")
    assert Post.objects.get(pk=held_post.pk).state == ModerationState.REMOVED
    with pytest.raises(ModerationRefused, match="already been decided"):
        appeal_decide(lead=lead, appeal=appeal, uphold=True, note="Changed my mind")


def test_an_upheld_appeal_against_a_sanction_lifts_it(client_for, guide, lead, member):
    sanction = sanction_issue(guide=guide, member=member, kind="suspension", reason="Spam")
    _appeal(client_for(member), text="Those were my own poems.", sanction=sanction.pk)
    appeal = Appeal.objects.get()
    appeal_decide(lead=lead, appeal=appeal, uphold=True, note="Sorry: they were.")
    assert posting_blocked(member) is None


def test_only_leads_decide_appeals(client_for, guide, member, removed_case):
    appeal = appeal_submit(member=member, text="Please", case=removed_case)
    client = client_for(guide)
    assert client.get(reverse("appeal_list")).status_code == 404
    client.post(reverse("appeal_decide", args=[appeal.pk]), {"uphold": "yes", "note": "ok"})
    assert Appeal.objects.get().state == AppealState.PENDING
