"""Forum fixtures: a Talkabout, and threads taken through moderation for real."""

import pytest

from community.services.threads import reply_create, thread_create
from moderation.services import case_approve, case_open_for
from tests.factories import TalkaboutFactory, UserFactory


@pytest.fixture
def talkabout(db):
    return TalkaboutFactory(title="Low mood", slug="low-mood")


@pytest.fixture
def reviewer(db):
    return UserFactory(role="staff", handle="staff-reviewer", email="reviewer@harbour.example")


@pytest.fixture
def approve(reviewer):
    """Approve an item's open case, as a guide would."""

    def _approve(item, message=""):
        case_approve(case=case_open_for(item), guide=reviewer, message=message)
        item.refresh_from_db()
        return item

    return _approve


@pytest.fixture
def published_thread(member, talkabout, approve):
    thread = thread_create(
        author=member, talkabout=talkabout, title="Rough week", body="It has been a **hard** week."
    )
    approve(thread.posts.get())
    thread.refresh_from_db()
    return thread


@pytest.fixture
def published_reply(published_thread, other_member, approve):
    reply = reply_create(author=other_member, thread=published_thread, body="Sending strength.")
    return approve(reply)
