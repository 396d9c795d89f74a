"""A member (alice) and another member (bob), each with one of every kind of data,
every text marked with its owner's name so a test can tell whose words it sees."""

import pytest

from accounts.models import ConsentKind, SafetyDetails
from accounts.services import consents_record
from chat.models import BuddyMatch, BuddyProfile, ChatMessage, Room, RoomKind
from community.services.bricks import brick_create
from community.services.engagement import bookmark_create, hug_create
from community.services.threads import reply_create, thread_create
from moderation.models import GuideMessage
from selfcare.services.assessments import self_assessment_take
from selfcare.services.private import journal_entry_create, safety_plan_save
from tests.factories import TalkaboutFactory


@pytest.fixture
def talkabout(db):
    return TalkaboutFactory(title="Low mood", slug="low-mood")


@pytest.fixture
def room(db):
    return Room.objects.create(kind=RoomKind.GROUP, title="Evening room")


def give_everything(user, name, *, talkabout, room, approve, others_thread=None):
    """Give `user` one of every kind of data, each text containing `name`."""
    SafetyDetails.objects.create(user=user, real_name=f"{name} Realname", phone="07700 900123")
    consents_record(user=user, kinds=[ConsentKind.PRIVACY, ConsentKind.MODEL_IMPROVEMENT])
    thread = thread_create(
        author=user, talkabout=talkabout, title=f"{name} thread title", body=f"{name} opening words"
    )
    approve(thread.posts.get())
    thread.refresh_from_db()
    if others_thread is not None:
        approve(reply_create(author=user, thread=others_thread, body=f"{name} reply words"))
        hug_create(user=user, post=others_thread.posts.get(is_opening=True))
        bookmark_create(user=user, thread=others_thread)
    brick_create(author=user, body=f"{name} brick words", colour="sea")  # held for review
    ChatMessage.objects.create(
        room=room, author=user, client_id=f"{name}-1", body=f"{name} chat words",
        public_body=f"{name} chat words", state="published", is_public=True,
        sequence=ChatMessage.objects.filter(room=room).count() + 1,
    )  # fmt: skip
    self_assessment_take(member=user, kind="gad7", answers=[1, 2, 1, 0, 1, 2, 1])
    journal_entry_create(member=user, title=f"{name} journal title", body=f"{name} journal words")
    safety_plan_save(member=user, sections={"warning_signs": f"{name} warning signs"})
    BuddyProfile.objects.create(user=user, support="listening")
    GuideMessage.objects.create(member=user, from_member=True, body=f"{name} words to the guides")
    return thread


@pytest.fixture
def bobs_world(other_member, talkabout, room, approve):
    return give_everything(other_member, "Bob", talkabout=talkabout, room=room, approve=approve)


@pytest.fixture
def alices_world(member, other_member, bobs_world, talkabout, room, approve):
    thread = give_everything(
        member, "Alice", talkabout=talkabout, room=room, approve=approve, others_thread=bobs_world
    )
    first, second = sorted([member, other_member], key=lambda user: user.pk)
    BuddyMatch.objects.create(first=first, second=second, score=0.8, state="ended")
    return thread
