"""Forum fixtures: a Talkabout, and threads taken through moderation for real."""

import pytest

from community.services.threads import reply_create, thread_create
from tests.factories import TalkaboutFactory


@pytest.fixture
def talkabout(db):
    return TalkaboutFactory(title="Low mood", slug="low-mood")


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
