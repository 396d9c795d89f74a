"""A small world for fuzzing: a member's published and held posts, a case a guide
holds, an escalated case, a sanction and an appeal, a course, a check-in."""

from dataclasses import dataclass

import pytest

from community.services.threads import thread_create
from moderation.claims import case_claim
from moderation.sanctions import appeal_submit, sanction_issue
from moderation.services import case_open_for
from organisations.invites import org_admin_invite
from selfcare.models import Course, CourseModule
from tests.auth import reauthenticate
from tests.factories import TalkaboutFactory
from tests.urlwalk import owned_buddy_checkin, owned_self_assessment


@dataclass
class World:
    talkabout: object
    other_thread: object
    own_post: object
    case: object
    escalated_case: object
    sanction: object
    appeal: object
    module: object
    checkin_id: int
    assessment_id: int
    organisation_id: int
    invite_token: str


def _posted(settings, author, talkabout, decision, body="Hello there"):
    settings.HARBOUR_FAKE_RISK_DECISION = decision
    thread = thread_create(author=author, talkabout=talkabout, title="A thread", body=body)
    settings.HARBOUR_FAKE_RISK_DECISION = "review"
    return thread.posts.get()


@pytest.fixture
def world(settings, member, other_member, guide, org_admin, staff):
    talkabout = TalkaboutFactory(title="Low mood", slug="low-mood")
    other_post = _posted(settings, other_member, talkabout, "publish")
    own_post = _posted(settings, member, talkabout, "publish")
    held = _posted(settings, member, talkabout, "review")
    case = case_claim(case=case_open_for(held), guide=guide)
    escalated = _posted(settings, member, talkabout, "escalate", body="I can't go on")
    escalated_case = case_claim(case=case_open_for(escalated), guide=guide)
    sanction = sanction_issue(
        guide=guide, member=member, kind="warning", reason="Please keep names out of posts."
    )
    course = Course.objects.create(slug="calm", title="Calm", summary="Calm")
    return World(
        talkabout=talkabout,
        other_thread=other_post.thread,
        own_post=own_post,
        case=case,
        escalated_case=escalated_case,
        sanction=sanction,
        appeal=appeal_submit(member=member, text="It was a friend's name.", sanction=sanction),
        module=CourseModule.objects.create(course=course, number=1, title="Breathe", body="In."),
        checkin_id=owned_buddy_checkin(member)["checkin_id"],
        assessment_id=owned_self_assessment(member)["pk"],
        organisation_id=org_admin.organisation_id,
        invite_token=_invite_token(org_admin, staff),
    )


def _invite_token(org_admin, staff) -> str:
    """An open invitation to the organisation, as the token its emailed link ends with."""
    link = org_admin_invite(
        organisation=org_admin.organisation, email="new-admin@northbridge.example",
        invited_by=staff,
    )  # fmt: skip
    return link.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def people(signed_in, member, guide, lead, org_admin, staff, client):
    """people("guide"): a client signed in as that person (guides and leads having just
    confirmed it's them, as break-glass asks); only the one a test uses signs in."""
    users = {
        "member": member, "guide": guide, "lead": lead, "org_admin": org_admin, "staff": staff
    }  # fmt: skip

    def _person(label):
        if label == "anonymous":
            return client
        signed = signed_in(users[label])
        if label != "member":
            reauthenticate(signed)
        return signed

    return _person
