"""The sweeper re-sends only what the broker's queue is short of.

Found by the fault suite (tests/faults): re-sending every waiting item on every sweep
put thousands of copies in the queue after a Redis restart, and the queue took longer
to drain than the sweeps took to refill it. Runs against a Redis of its own, as the
broker, so the queue's length is this test's alone.
"""

import datetime
import json

import pytest
import redis
from django.utils import timezone

from community.models import Post
from community.services.threads import thread_create
from config.celery import app as celery_app
from moderation.states import ModerationState
from moderation.tasks import pending_sweep
from tests.factories import TalkaboutFactory, UserFactory
from tests.faults.services import RedisServer
from tests.moderation.worker import broker_switch

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(tmp_path, settings, monkeypatch):
    """A live broker of our own; the check is queued, never run here."""
    server = RedisServer(tmp_path / "redis.log").start()
    live, eager = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _broker_switch(f"{server.url}/0", monkeypatch)
    celery_app.conf.task_always_eager = False
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # never fires in this test: "lost"
    try:
        yield redis.Redis.from_url(f"{server.url}/0")
    finally:
        _broker_switch(live, monkeypatch)
        celery_app.conf.task_always_eager = eager
        server.stop()


def _broker_switch(url, monkeypatch):
    # Celery reads the environment's broker URL before its own settings.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    broker_switch(url)


def waiting_posts(settings, count):
    talkabout = TalkaboutFactory()
    posts = [
        thread_create(
            author=UserFactory(), talkabout=talkabout, title="Hi", body=f"Day {n}."
        ).posts.get()
        for n in range(count)
    ]
    grace = datetime.timedelta(seconds=settings.HARBOUR_RISK_PENDING_GRACE + 1)
    for age, post in enumerate(posts):  # the first is the oldest
        since = timezone.now() - grace - datetime.timedelta(seconds=count - age)
        Post.objects.filter(pk=post.pk).update(pending_since=since)
    assert all(p.state == ModerationState.PENDING for p in Post.objects.all())
    return posts


def test_items_whose_checks_are_still_queued_are_not_sent_again(broker, settings):
    waiting_posts(settings, 3)
    assert pending_sweep() == 3  # nothing queued: the broker lost them all
    assert broker.llen("moderation") == 3
    assert pending_sweep() == 0  # each has its message waiting
    assert pending_sweep() == 0
    assert broker.llen("moderation") == 3


def test_a_lost_message_is_sent_again_oldest_first(broker, settings):
    oldest, *_ = waiting_posts(settings, 3)
    pending_sweep()
    broker.rpop("moderation")  # one message lost (kombu's redis queues pop from the right)
    assert pending_sweep() == 1
    assert broker.llen("moderation") == 3
    resent = json.loads(broker.lindex("moderation", 0))  # the newest message
    assert resent["headers"]["argsrepr"].startswith(f"['community.post', {oldest.pk}, ")
