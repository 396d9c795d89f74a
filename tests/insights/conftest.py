"""Seeded activity for report tests: members of two organisations, with handles and
words that must never show in a report."""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from chat.models import ChatMessage, Room, RoomKind
from community.models import Post, Thread
from moderation.models import CasePriority, HeldReason, ReviewCase
from moderation.states import ModerationState
from selfcare.models import Course, CourseProgress, FeedbackResponse, SelfAssessment
from tests.factories import AccessCodeFactory, OrganisationFactory, TalkaboutFactory, UserFactory


def at(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


class Seed:
    """Builds activity rows directly, each on a chosen day."""

    def __init__(self, day):
        self.day = day
        self.talkabout = TalkaboutFactory(title="Exam stress")
        self.room = Room.objects.create(kind=RoomKind.GROUP, title="Evening room")
        self.course = Course.objects.create(title="Report test course", slug="report-test-course")
        self.handles, self.words = [], []

    def member(self, organisation, code=None, joined=None, handle=None):
        handle = handle or f"quiet-heron-{len(self.handles)}"
        self.handles.append(handle)
        return UserFactory(
            handle=handle,
            organisation=organisation,
            access_code=code,
            date_joined=at(joined or self.day),
        )

    def post(self, author, *, state=ModerationState.PUBLISHED, opening=False, day=None):
        body = f"My private words number {len(self.words)} about a hard week"
        self.words.append(body)
        thread = Thread.objects.create(
            talkabout=self.talkabout, author=author, title=f"Untold title {len(self.words)}"
        )
        self.words.append(thread.title)
        public = state == ModerationState.PUBLISHED
        return Post.objects.create(
            thread=thread, author=author, is_opening=opening, body=body, state=state,
            is_public=public, public_text=body if public else "", created_at=at(day or self.day),
        )  # fmt: skip

    def assessment(self, member, kind="phq9", band="Moderate", score=12):
        return SelfAssessment.objects.create(
            member=member, kind=kind, answers=[], score=score, band=band, taken_at=at(self.day)
        )

    def chat(self, author, n=1):
        for i in range(n):
            body = f"A chat line {len(self.words)}"
            self.words.append(body)
            ChatMessage.objects.create(
                room=self.room, author=author, client_id=f"{author.pk}-{i}-{len(self.words)}",
                body=body, created_at=at(self.day),
            )  # fmt: skip

    def course_progress(self, member, finished=False):
        return CourseProgress.objects.create(
            member=member, course=self.course, started_at=at(self.day), updated_at=at(self.day),
            finished_at=at(self.day) if finished else None,
        )  # fmt: skip

    def escalation(self, post):
        return ReviewCase.objects.create(
            content_type_id=_post_type(), object_id=post.pk, author=post.author,
            priority=CasePriority.URGENT, reason=HeldReason.AUTO_ESCALATE, opened_at=at(self.day),
        )  # fmt: skip

    def feedback(self, member, supported, community):
        like = f"I liked talking to people {len(self.words)}"
        self.words.append(like)
        return FeedbackResponse.objects.create(
            member=member, like=like, supported=supported, community=community,
            answered_at=at(self.day),
        )  # fmt: skip


def _post_type():
    return ContentType.objects.get_for_model(Post).pk


@pytest.fixture
def report_day():
    # A Wednesday in the past: its week and month are both offered as periods.
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) - timedelta(days=12)


@pytest.fixture
def seed(db, report_day):
    return Seed(report_day)


@pytest.fixture
def faculty_code(organisation):
    return AccessCodeFactory(organisation=organisation, label="Faculty of Arts")


@pytest.fixture
def elsewhere():
    return OrganisationFactory(name="Southgate College")
