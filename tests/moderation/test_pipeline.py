"""The pipeline's decisions, failures and recoveries, run in-process with a stand-in
verdict (tests/moderation/fakes.py). The real worker and model: test_pipeline_worker."""

import datetime
import io
import json
import signal
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from accounts.models import ConsentKind
from accounts.services import consents_record
from community.models import Post, Thread
from community.services.threads import post_edit, reply_create, thread_create
from moderation import pipeline
from moderation.models import (
    CaseDecision,
    CasePriority,
    CaseState,
    GuideLabel,
    HeldReason,
    ReviewCase,
    RiskAssessment,
)
from moderation.services import case_open_for, case_remove
from moderation.states import ModerationState
from moderation.tasks import assess_content, pending_sweep, unavailable_recheck
from tests.auth import sign_in
from tests.factories import TalkaboutFactory

pytestmark = pytest.mark.django_db


class SlowBackend:
    """A check that takes half a second: longer than the tests' time limit."""

    def assess(self, texts):
        time.sleep(0.5)
        raise AssertionError("the time limit should have stopped the check")

    def assess_rules_only(self, text):
        raise AssertionError("not used")


@pytest.fixture
def talkabout(db):
    return TalkaboutFactory(title="Low mood", slug="low-mood")


@pytest.fixture
def verdict(settings):
    def _set(decision):
        settings.HARBOUR_FAKE_RISK_DECISION = decision

    return _set


def post_by(author, talkabout, body="How is everyone today?"):
    return thread_create(author=author, talkabout=talkabout, title="Hello", body=body).posts.get()


def fresh(post):
    return Post.objects.get(pk=post.pk)


def test_a_publish_verdict_publishes_with_one_assessment(member, talkabout, verdict):
    verdict("publish")
    post = fresh(post_by(member, talkabout))
    assert post.state == ModerationState.PUBLISHED and post.is_public
    assessment = RiskAssessment.objects.get(object_id=post.pk)
    assert assessment.decision == "publish" and assessment.model_version == "fake-1"
    assert case_open_for(post) is None


def test_a_review_verdict_holds_with_its_labels(member, talkabout):
    post = fresh(post_by(member, talkabout))
    assert post.state == ModerationState.HELD and not post.is_public
    case = case_open_for(post)
    assert case.reason == HeldReason.AUTO_REVIEW and case.labels == ["harassment"]


def test_an_escalation_opens_an_urgent_case_and_shows_the_author_crisis_help(
    client, member, other_member, talkabout, verdict
):
    verdict("escalate")
    post = fresh(post_by(member, talkabout))
    assert post.state == ModerationState.ESCALATED
    assert case_open_for(post).priority == CasePriority.URGENT
    sign_in(client, member)
    page = client.get(reverse("thread_detail", args=[post.thread_id])).content.decode()
    assert "A Wall Guide has been told" in page and "Samaritans" in page and "116 123" in page


def test_a_check_that_fails_holds_the_item_and_the_rules_set_its_priority(
    member, talkabout, verdict
):
    verdict("fail")
    post = fresh(post_by(member, talkabout, body="honestly kms tonight, i'm done"))
    assert post.state == ModerationState.HELD and not post.is_public
    case = case_open_for(post)
    assert case.reason == HeldReason.AUTO_CHECK_UNAVAILABLE
    assert case.priority == CasePriority.URGENT
    assert case.rules  # the matched rules are kept for the guide


def test_a_failed_check_with_no_rule_match_is_held_at_normal_priority(member, talkabout, verdict):
    verdict("fail")
    post = fresh(post_by(member, talkabout, body="Does anyone like gardening?"))
    assert post.state == ModerationState.HELD
    assert case_open_for(post).priority == CasePriority.NORMAL


def test_held_for_want_of_the_check_is_checked_again_when_it_works(member, talkabout, verdict):
    verdict("fail")
    post = post_by(member, talkabout)
    verdict("publish")
    assert unavailable_recheck() == 1
    post = fresh(post)
    assert post.state == ModerationState.PUBLISHED and post.is_public
    case = ReviewCase.objects.get(object_id=post.pk)
    assert case.state == CaseState.CLOSED and case.decision == CaseDecision.NO_ACTION


def test_a_task_for_an_older_revision_does_nothing(member, talkabout, settings):
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # nothing runs: the item waits PENDING
    post = post_by(member, talkabout)
    result = assess_content.apply(args=[pipeline.item_label(post), post.pk, "0" * 64]).get()
    assert result == "stale"
    assert fresh(post).state == ModerationState.PENDING
    assert fresh(post).check_attempts == 0  # not an attempt at checking this revision
    assert not RiskAssessment.objects.filter(object_id=post.pk).exists()


def test_a_second_delivery_of_the_same_task_changes_nothing(member, talkabout, verdict):
    verdict("publish")
    post = fresh(post_by(member, talkabout))
    digest = pipeline.content_hash(post)
    assert assess_content.apply(args=[pipeline.item_label(post), post.pk, digest]).get() == "gone"
    assert RiskAssessment.objects.filter(object_id=post.pk).count() == 1


def test_each_task_counts_one_attempt_before_the_check(member, talkabout, settings):
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # nothing runs: the item waits PENDING
    settings.HARBOUR_FAKE_RISK_DECISION = "fail"
    post = post_by(member, talkabout)
    args = [pipeline.item_label(post), post.pk, pipeline.content_hash(fresh(post))]
    assess_content.apply(args=args).get()
    assert fresh(post).check_attempts == 1
    assert fresh(post).state == ModerationState.HELD  # eager: no retry, held for a guide


def test_attempts_are_capped_and_then_the_item_is_held(member, talkabout, settings):
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # nothing runs: the item waits PENDING
    post = post_by(member, talkabout)
    Post.objects.filter(pk=post.pk).update(check_attempts=settings.HARBOUR_RISK_MAX_ATTEMPTS)
    post = fresh(post)
    digest = pipeline.content_hash(post)
    assert assess_content.apply(args=[pipeline.item_label(post), post.pk, digest]).get() == (
        "unavailable"
    )
    assert fresh(post).state == ModerationState.HELD


def test_the_sweeper_sends_items_left_pending_to_the_check(member, talkabout, settings):
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # as if the broker lost the message
    post = post_by(member, talkabout)
    assert fresh(post).state == ModerationState.PENDING
    assert pending_sweep() == 0  # still within the grace period
    old = timezone.now() - datetime.timedelta(seconds=settings.HARBOUR_RISK_PENDING_GRACE + 1)
    Post.objects.filter(pk=post.pk).update(pending_since=old)
    assert pending_sweep() == 1
    assert fresh(post).state == ModerationState.HELD


def test_an_edit_of_a_published_post_is_checked_again(member, talkabout, verdict):
    verdict("publish")
    post = fresh(post_by(member, talkabout))
    verdict("review")
    post_edit(post=post, author=member, body="Changed my mind about this.", title="Hello")
    post = fresh(post)
    assert post.state == ModerationState.HELD and post.is_public  # old revision still shown
    assert RiskAssessment.objects.filter(object_id=post.pk).count() == 2


def test_guides_decisions_keep_the_text_only_with_consent(member, other_member, talkabout, staff):
    consents_record(user=member, kinds=[ConsentKind.MODEL_IMPROVEMENT])
    consenting = post_by(member, talkabout, body="Words I agreed to share")
    private = post_by(other_member, talkabout, body="Words I kept to myself")
    for post in (consenting, private):
        case_remove(case=case_open_for(post), guide=staff, reason="Please keep it kind.")
    kept = {label.author_id: label.text for label in GuideLabel.objects.all()}
    assert "Words I agreed to share" in kept[member.pk]
    assert kept[other_member.pk] == ""

    out = io.StringIO()
    call_command("moderation_export_labels", stdout=out, stderr=io.StringIO())
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 1 and "Words I agreed to share" in lines[0]["text"]
    assert lines[0]["labels"] == ["harassment"] and lines[0]["decision"] == "removed"

    member.consents.filter(kind=ConsentKind.MODEL_IMPROVEMENT).update(withdrawn_at=timezone.now())
    out = io.StringIO()
    call_command("moderation_export_labels", stdout=out, stderr=io.StringIO())
    assert out.getvalue() == ""


@pytest.fixture
def slow_check(settings):
    settings.HARBOUR_RISK_BACKEND = "tests.moderation.test_pipeline.SlowBackend"
    settings.HARBOUR_RISK_TIME_LIMIT = 0.05


def test_in_a_worker_process_the_alarm_stops_a_slow_check_and_is_put_away(slow_check, monkeypatch):
    monkeypatch.setattr(pipeline, "_alarm_allowed", True)  # as in a prefork worker process
    previous = signal.getsignal(signal.SIGALRM)
    started = time.perf_counter()
    with pytest.raises(pipeline.CheckFailed, match="no verdict within 0.05 s"):
        pipeline.assess_with_limit("Anyone else up late?")
    assert time.perf_counter() - started < 0.4  # stopped, not waited out
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is previous


def test_away_from_the_main_thread_the_time_limit_still_holds(slow_check, monkeypatch):
    monkeypatch.setattr(pipeline, "_alarm_allowed", True)  # signals work in the main thread only
    outcome = []

    def check():
        try:
            pipeline.assess_with_limit("Anyone else up late?")
        except pipeline.CheckFailed as error:
            outcome.append(str(error))

    thread = threading.Thread(target=check)
    thread.start()
    thread.join(timeout=5)
    assert outcome == ["no verdict within 0.05 s"]


def test_a_publish_decision_takes_few_queries(
    member, talkabout, settings, django_assert_max_num_queries
):
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # nothing runs: the item waits PENDING
    post = post_by(member, talkabout)
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    args = [pipeline.item_label(post), post.pk, pipeline.content_hash(fresh(post))]
    # Read it with its thread and author and count the attempt, in one statement; then
    # lock it (with the SET LOCAL that spares the wait for the disk, in the same round
    # trip), store the assessment, and publish the post (its state and search words in
    # the same UPDATE) and its thread: 6, plus this test's savepoint and its release.
    with django_assert_max_num_queries(8):
        assert assess_content.apply(args=args).get() == "publish"
    assert fresh(post).is_public


def test_replies_are_counted_once_while_public(member, other_member, talkabout, verdict, staff):
    verdict("publish")
    thread = Thread.objects.get(pk=post_by(member, talkabout).thread_id)
    reply = reply_create(author=other_member, thread=thread, body="Same here, hang in there.")
    assert Thread.objects.get(pk=thread.pk).public_reply_count == 1
    verdict("review")
    post_edit(post=fresh(reply), author=other_member, body="Same here. Hang in there!")
    assert Thread.objects.get(pk=thread.pk).public_reply_count == 1  # the earlier words stay up
    case_remove(case=case_open_for(fresh(reply)), guide=staff, reason="Please keep it kind.")
    assert Thread.objects.get(pk=thread.pk).public_reply_count == 0


def test_a_revision_already_assessed_is_not_assessed_twice(member, talkabout, settings):
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # nothing runs: the item waits PENDING
    post = fresh(post_by(member, talkabout))
    digest = pipeline.content_hash(post)
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    verdict = pipeline.risk_backend().assess(["How is everyone today?"])[0]
    assert pipeline.verdict_apply(post, verdict, digest=digest, latency_ms=1.0)
    Post.objects.filter(pk=post.pk).update(state=ModerationState.PENDING)  # sent back somehow
    assert not pipeline.verdict_apply(post, verdict, digest=digest, latency_ms=1.0)
    assert RiskAssessment.objects.filter(object_id=post.pk).count() == 1


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("dispatch", "publish_setting"),
    # After the submission commits (as live), or inside the submitting transaction
    # (eager), where the member's words must always wait for the disk.
    [("on_commit", "off"), ("immediate", "on")],
)
def test_only_a_decision_to_publish_commits_without_waiting_for_the_disk(
    member, talkabout, verdict, settings, dispatch, publish_setting
):
    # A hold or an escalation opens a case a guide must see: it must survive a crash of
    # PostgreSQL. A publish lost that way leaves the post PENDING for the sweeper.
    settings.HARBOUR_RISK_DISPATCH = dispatch
    during = {}

    def note(sender, instance, **kwargs):
        during[instance.decision] = _synchronous_commit()

    post_save.connect(note, sender=RiskAssessment)
    try:
        for decision in ("publish", "escalate", "review"):
            verdict(decision)
            post_by(member, talkabout, body=f"Checked as {decision}.")
    finally:
        post_save.disconnect(note, sender=RiskAssessment)
    # The attempt counted before each check spares the wait in its own statement only.
    assert during == {"publish": publish_setting, "escalate": "on", "review": "on"}
    assert _synchronous_commit() == "on"  # nothing is left behind on the connection
