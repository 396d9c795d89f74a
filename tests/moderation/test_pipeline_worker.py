"""The live pipeline with a real Redis broker, a real worker process and the real model.

Each test submits through the forum's own services in committed transactions,
as a member would, and watches the item's state in the database.
"""

import pytest
import redis
from django.conf import settings as django_settings

from community.models import Post, Talkabout
from community.services.threads import thread_create
from config.celery import app as celery_app
from moderation.models import CasePriority, CaseState, HeldReason, ReviewCase, RiskAssessment
from moderation.states import ModerationState
from tests.factories import UserFactory
from tests.moderation.worker import Worker, broker_switch, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SAFE = "Does anyone have a good recipe for banana bread? Mine always comes out flat."
RISKY = "I cut myself again last night, the urge was too strong and I couldn't stop."
IMMINENT = "I've saved up all my pills and tonight I'm taking them. Goodbye everyone, thank you."
DECIDED = {ModerationState.PUBLISHED, ModerationState.HELD, ModerationState.ESCALATED}


@pytest.fixture
def worker(transactional_db, tmp_path):
    # One worker per test: the flush between transactional tests renumbers content
    # types, which a long-lived worker would still hold in its cache.
    started = Worker(tmp_path / "worker.log").start()
    yield started
    started.stop()


@pytest.fixture(autouse=True)
def queued(settings):
    """Submissions go through the broker on commit, as in production."""
    # Empty the queues, but keep the bindings the worker declared when it started.
    redis.Redis.from_url(django_settings.CELERY_BROKER_URL).delete(
        "moderation", "default", "unacked", "unacked_index"
    )
    settings.HARBOUR_RISK_DISPATCH = "on_commit"
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


@pytest.fixture
def talkabout(db):
    return Talkabout.objects.create(title="Low mood", slug="low-mood", description="Heavy days.")


def submit(talkabout, body, author=None):
    author = author or UserFactory()
    return thread_create(author=author, talkabout=talkabout, title="Today", body=body).posts.get()


def state_of(post):
    return Post.objects.get(pk=post.pk).state


def decided(post):
    state = state_of(post)
    return state if state in DECIDED else None


def test_safe_risky_and_imminent_posts_are_decided_by_the_worker(worker, talkabout):
    safe, risky, imminent = (submit(talkabout, text) for text in (SAFE, RISKY, IMMINENT))
    assert wait_until(lambda: decided(safe)) == ModerationState.PUBLISHED
    assert wait_until(lambda: decided(risky)) == ModerationState.HELD
    assert wait_until(lambda: decided(imminent)) == ModerationState.ESCALATED

    assert Post.objects.get(pk=safe.pk).is_public
    risky_case = ReviewCase.objects.get(object_id=risky.pk, state=CaseState.OPEN)
    assert risky_case.reason == HeldReason.AUTO_REVIEW and "self_harm" in risky_case.labels
    urgent = ReviewCase.objects.get(object_id=imminent.pk, state=CaseState.OPEN)
    assert urgent.priority == CasePriority.URGENT and urgent.reason == HeldReason.AUTO_ESCALATE
    assessments = RiskAssessment.objects.filter(object_id__in=[safe.pk, risky.pk, imminent.pk])
    assert assessments.count() == 3
    assert all(a.model_version and a.latency_ms > 0 for a in assessments)


def test_a_worker_killed_mid_stream_loses_nothing_and_publishes_nothing_unchecked(
    worker, talkabout
):
    posts = [submit(talkabout, f"{SAFE} Day {n}.") for n in range(12)]
    wait_until(lambda: any(decided(post) for post in posts))
    worker.kill()  # SIGKILL: no goodbye, unacknowledged messages stay with the broker
    worker.start()
    for post in posts:
        assert wait_until(lambda post=post: decided(post), timeout=90)
    for post in Post.objects.filter(pk__in=[p.pk for p in posts], state=ModerationState.PUBLISHED):
        assert RiskAssessment.objects.filter(object_id=post.pk, decision="publish").exists()
    assert RiskAssessment.objects.filter(object_id__in=[p.pk for p in posts]).count() == 12


def test_a_pool_process_lost_mid_stream_is_replaced_and_its_message_checked_again(
    talkabout, tmp_path
):
    # No beat, so no sweeper: only the broker can give back what the lost process held.
    lonely = Worker(tmp_path / "worker.log", beat=False).start()
    try:
        posts = [submit(talkabout, f"{SAFE} Day {n}.") for n in range(12)]
        wait_until(lambda: any(decided(post) for post in posts))
        lonely.pool_process_kill()
        for post in posts:
            assert wait_until(lambda post=post: decided(post), timeout=90)
    finally:
        lonely.stop()
    checked = RiskAssessment.objects.filter(object_id__in=[p.pk for p in posts])
    assert checked.count() == 12


def test_a_submission_made_while_the_broker_is_down_is_recovered_by_the_sweeper(worker, talkabout):
    live = celery_app.conf.broker_url
    broker_switch("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        post = submit(talkabout, SAFE)
    finally:
        broker_switch(live)
    assert state_of(post) == ModerationState.PENDING  # the member's words are safe
    assert wait_until(lambda: decided(post), timeout=60) == ModerationState.PUBLISHED


def test_a_check_over_its_time_limit_is_stopped_in_the_worker_and_the_item_held(
    talkabout, tmp_path
):
    log = tmp_path / "hasty.log"
    hasty = Worker(log, HARBOUR_RISK_TIME_LIMIT="0.001").start()  # no post is that quick
    try:
        post = submit(talkabout, SAFE)
        assert wait_until(lambda: decided(post)) == ModerationState.HELD
        case = ReviewCase.objects.get(object_id=post.pk, state=CaseState.OPEN)
        assert case.reason == HeldReason.AUTO_CHECK_UNAVAILABLE
        assert not Post.objects.get(pk=post.pk).is_public
        assert not RiskAssessment.objects.filter(object_id=post.pk).exists()
    finally:
        hasty.stop()
    assert "no verdict within 0.001 s" in log.read_text()


def test_without_a_model_items_are_held_by_rules_then_checked_again(worker, talkabout, tmp_path):
    worker.stop()
    broken = Worker(tmp_path / "broken.log", HARBOUR_RISK_HEAD_PATH=str(tmp_path / "missing.json"))
    broken.start()
    try:
        post = submit(talkabout, "kms tonight. nobody will even notice im gone")
        assert wait_until(lambda: decided(post)) == ModerationState.HELD
        case = ReviewCase.objects.get(object_id=post.pk, state=CaseState.OPEN)
        assert case.reason == HeldReason.AUTO_CHECK_UNAVAILABLE
        assert case.priority == CasePriority.URGENT  # the rules alone know it is urgent
        assert not Post.objects.get(pk=post.pk).is_public
    finally:
        broken.stop()
    worker.start()  # the model is back: the re-check takes it from here
    assert wait_until(lambda: state_of(post) == ModerationState.ESCALATED, timeout=60)
    assert RiskAssessment.objects.filter(object_id=post.pk).exists()
