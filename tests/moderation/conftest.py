"""Fixtures for the guide console: held items with open cases, and claiming them."""

import pytest

from community.services.bricks import brick_create
from community.services.threads import thread_create
from moderation.claims import case_claim
from moderation.services import case_open_for
from tests.factories import TalkaboutFactory


@pytest.fixture
def talkabout(db):
    return TalkaboutFactory(title="Low mood", slug="low-mood")


@pytest.fixture
def held_post(member, talkabout):
    """A new thread's opening post, held for a guide (the test backend says "review")."""
    thread = thread_create(
        author=member, talkabout=talkabout, title="Rough night", body="Call me on 07700 900123"
    )
    return thread.posts.get()


@pytest.fixture
def held_brick(member):
    return brick_create(author=member, body="Small steps, every day.", colour="sea")


@pytest.fixture
def claimed():
    """Claim the open case of an item for a guide and return the case."""

    def _claimed(item, guide):
        return case_claim(case=case_open_for(item), guide=guide)

    return _claimed


@pytest.fixture
def escalated_post(settings, member, talkabout):
    """A new thread's opening post the check escalated: ESCALATED, with an urgent case."""
    settings.HARBOUR_FAKE_RISK_DECISION = "escalate"
    thread = thread_create(
        author=member, talkabout=talkabout, title="Tonight", body="I can't keep going."
    )
    settings.HARBOUR_FAKE_RISK_DECISION = "review"
    return thread.posts.get()
