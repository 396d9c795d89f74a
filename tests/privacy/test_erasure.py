"""Erasing an account: exactly what docs/privacy.md says goes, goes; others' replies
keep their context; the audit log keeps every row but no longer leads to the person."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import Consent, SafetyDetails, User
from chat.models import BuddyProfile, ChatMessage
from community.models import Bookmark, Brick, Hug, Post
from community.services.threads import reply_create, thread_create
from moderation.audit import audit_record
from moderation.models import AuditAction, AuditEntry, AuditPseudonym, GuideMessage, ReviewCase
from moderation.selectors_audit import ERASED, audit_names
from moderation.services import case_approve, case_open_for
from moderation.states import ModerationState
from privacy.services.erasure import REAUTH_FAILED, ErasureRefused, account_erase
from privacy.services.erasure_content import REMOVED_NOTICE
from selfcare.models import JournalEntry, SafetyPlan, SelfAssessment, SelfAssessmentAlert
from selfcare.services.assessments import self_assessment_alert_open, self_assessment_take
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob_replied(alices_world, other_member, approve):
    """Bob replied to Alice's thread: his reply depends on her opening post."""
    return approve(reply_create(author=other_member, thread=alices_world, body="Bob's kind reply"))


def _erase_through_the_page(client, password=PASSWORD):
    return client.post(reverse("privacy_erase"), {"password": password, "understood": "on"})


def test_erasure_deletes_the_members_private_data(client_for, member, alices_world):
    response = _erase_through_the_page(client_for(member))
    assert response.status_code == 302 and response["Location"] == reverse("privacy_erased")
    for model, field in [
        (SafetyDetails, "user"), (Consent, "user"), (JournalEntry, "member"),
        (SafetyPlan, "member"), (SelfAssessment, "member"), (GuideMessage, "member"),
        (BuddyProfile, "user"), (Hug, "user"), (Bookmark, "user"),
    ]:  # fmt: skip
        assert not model.objects.filter(**{field: member}).exists(), model.__name__


def test_erasure_leaves_no_email_or_name(client_for, member, alices_world):
    _erase_through_the_page(client_for(member))
    member.refresh_from_db()
    assert member.handle.startswith("former-member-")
    assert "alice" not in member.email and member.email.endswith("@erased.invalid")
    assert member.birth_year is None and member.organisation is None
    assert not member.is_active and not member.has_usable_password()
    assert not User.objects.filter(email__iexact="alice@example.com").exists()


def test_an_erased_member_cannot_sign_in_again(client_for, member, alices_world):
    _erase_through_the_page(client_for(member))
    response = Client().post(
        reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in Client().session


def test_two_erased_accounts_get_different_former_member_names(member, other_member):
    account_erase(member=member, password=PASSWORD)
    account_erase(member=other_member, password=PASSWORD)
    member.refresh_from_db()
    other_member.refresh_from_db()
    assert member.handle != other_member.handle
    assert other_member.handle.startswith("former-member-")


def test_anonymise_keeps_the_post_others_replied_to_under_former_member(
    member, alices_world, bob_replied
):
    record = account_erase(member=member, password=PASSWORD)
    opening = alices_world.posts.get(is_opening=True)
    assert opening.is_public and opening.body == "Alice opening words"
    assert opening.author.handle.startswith("former-member-")
    bob_replied.refresh_from_db()
    assert bob_replied.is_public and bob_replied.thread.is_public
    assert record.policy == "anonymise" and record.items_kept >= 1


def test_anonymise_removes_what_nobody_depends_on(member, alices_world, bob_replied):
    sequence = ChatMessage.objects.get(author=member).sequence
    account_erase(member=member, password=PASSWORD)
    brick = Brick.objects.get(author=member)
    assert brick.state == ModerationState.DELETED and brick.body == "" and not brick.is_public
    message = ChatMessage.objects.get(author=member)
    assert message.body == "" and message.public_body == "" and not message.is_public
    assert message.sequence == sequence  # the room's numbering keeps no gap


def test_anonymise_keeps_a_reply_in_a_thread_others_wrote_in(member, alices_world, bobs_world):
    account_erase(member=member, password=PASSWORD)
    reply = Post.objects.get(author=member, thread=bobs_world)
    assert reply.is_public and reply.body == "Alice reply words"


@override_settings(HARBOUR_ERASURE_POLICY="remove")
def test_remove_policy_leaves_a_notice_where_others_replied(member, alices_world, bob_replied):
    account_erase(member=member, password=PASSWORD)
    opening = alices_world.posts.get(is_opening=True)
    assert opening.is_public and opening.body == REMOVED_NOTICE
    assert "Alice" not in opening.public_html + opening.public_text
    bob_replied.refresh_from_db()
    assert bob_replied.is_public and bob_replied.thread.is_public  # context kept
    reply = Post.objects.get(author=member, is_opening=False)
    assert reply.state == ModerationState.DELETED and reply.body == "" and not reply.is_public


def test_a_thread_nobody_else_wrote_in_is_removed(member, talkabout, approve):
    thread = thread_create(author=member, talkabout=talkabout, title="Alone", body="Only me")
    approve(thread.posts.get())
    account_erase(member=member, password=PASSWORD)
    thread.refresh_from_db()
    post = thread.posts.get()
    assert not thread.is_public and post.body == "" and thread.title != "Alone"


def test_others_data_is_untouched(member, other_member, alices_world, bob_replied):
    account_erase(member=member, password=PASSWORD)
    other_member.refresh_from_db()
    assert other_member.handle == "bob-heron" and other_member.email == "bob@example.com"
    assert JournalEntry.objects.get(member=other_member).body == "Bob journal words"
    assert Post.objects.filter(author=other_member, is_public=True).count() == 2


def test_the_audit_log_keeps_every_row_but_cannot_name_the_member(member, alices_world, guide):
    audit_record(actor=guide, action=AuditAction.CASE_VIEWED, member=member, subject="case:1")
    pseudonym = AuditPseudonym.objects.get(user=member).pseudonym
    before = list(AuditEntry.objects.order_by("pk").values())
    assert audit_names(AuditEntry.objects.all())[pseudonym] == "alice-wren"

    account_erase(member=member, password=PASSWORD)

    after = list(AuditEntry.objects.order_by("pk").values())
    assert after[: len(before)] == before  # not one earlier row changed or went
    assert all(pseudonym not in (row["actor"], row["target"]) for row in after[len(before) :])
    assert not AuditPseudonym.objects.filter(user=member).exists()
    assert not AuditPseudonym.objects.filter(pseudonym=pseudonym).exists()
    assert audit_names(AuditEntry.objects.filter(target=pseudonym))[pseudonym] == ERASED


def test_a_wrong_password_refuses_erasure_with_a_clear_message(client_for, member, alices_world):
    response = _erase_through_the_page(client_for(member), password="not my password")
    assert response.status_code == 400
    assert "That password isn&#x27;t right" in response.content.decode()
    member.refresh_from_db()
    assert member.handle == "alice-wren" and member.is_active
    assert JournalEntry.objects.filter(member=member).exists()
    with pytest.raises(ErasureRefused) as refusal:
        account_erase(member=member, password="")
    assert refusal.value.message == REAUTH_FAILED


def test_erasure_needs_the_box_ticked(client_for, member):
    response = client_for(member).post(reverse("privacy_erase"), {"password": PASSWORD})
    assert response.status_code == 400
    assert b"Please tick the box" in response.content
    member.refresh_from_db()
    assert member.is_active


def test_a_self_assessment_alert_goes_with_its_result_once_its_case_is_closed(member, guide):
    assessment = self_assessment_take(member=member, kind="phq9", answers=[1] * 9)
    alert = self_assessment_alert_open(member=member, assessment=assessment, note="please call")
    case = case_open_for(alert)
    with pytest.raises(ErasureRefused):  # the urgent case is still open
        account_erase(member=member, password=PASSWORD)
    case_approve(case=case, guide=guide)
    account_erase(member=member, password=PASSWORD)
    assert not SelfAssessment.objects.filter(pk=assessment.pk).exists()
    assert not SelfAssessmentAlert.objects.filter(pk=alert.pk).exists()
    assert not ReviewCase.objects.filter(pk=case.pk).exists()


def test_hugs_given_are_taken_back_and_counts_stay_right(member, alices_world, bobs_world):
    hugged = bobs_world.posts.get(is_opening=True)
    assert hugged.hug_count == 1
    account_erase(member=member, password=PASSWORD)
    hugged.refresh_from_db()
    assert hugged.hug_count == 0 and not Hug.objects.filter(post=hugged).exists()
