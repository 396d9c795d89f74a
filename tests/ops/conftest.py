"""Ops fixtures: a clean heartbeat, and held items with open review cases."""

import pytest
from django.conf import settings

from community.services.threads import thread_create
from ops.heartbeat import redis_client
from tests.factories import TalkaboutFactory


@pytest.fixture(autouse=True)
def _no_heartbeat():
    def clear():
        for queue in settings.HARBOUR_HEARTBEAT_QUEUES:
            redis_client().delete(f"{settings.HARBOUR_HEARTBEAT_KEY}:{queue}")

    clear()
    yield
    clear()


@pytest.fixture
def talkabout(db):
    return TalkaboutFactory(title="Low mood", slug="low-mood")


@pytest.fixture
def post_checked(settings, member, talkabout):
    """Return a new thread's opening post, given the stand-in check's `decision`."""

    def _post(decision="review", body="It has been a long week."):
        settings.HARBOUR_FAKE_RISK_DECISION = decision
        thread = thread_create(author=member, talkabout=talkabout, title="A week", body=body)
        return thread.posts.get()

    return _post
