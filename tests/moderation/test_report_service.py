"""report_submit: what one member's report does to a published item and its case.

The forum's Post and Brick are the moderatable items here; they are taken
through moderation for real (submitted, held, approved by a reviewer).
"""

import pytest

from community.models import Post
from community.services.bricks import brick_create
from community.services.threads import post_delete, post_edit, reply_create, thread_create
from moderation.models import CasePriority, CaseState, HeldReason, Report, ReportReason
from moderation.services import ModerationRefused, case_open_for, report_submit
from moderation.states import ModerationState
from tests.factories import TalkaboutFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporters(db):
    return [UserFactory(handle=f"reporter-{n}") for n in range(4)]


@pytest.fixture
def reply(member, other_member, approve):
    thread = thread_create(
        author=member, talkabout=TalkaboutFactory(), title="Rough week", body="A hard week."
    )
    approve(thread.posts.get())
    thread.refresh_from_db()
    return approve(reply_create(author=other_member, thread=thread, body="Sending strength."))


@pytest.fixture
def brick(other_member, approve):
    return approve(brick_create(author=other_member, body="Small waves.", colour="sea"))


def _report(item, reporter, reason=ReportReason.HARASSMENT, text=""):
    return report_submit(item=item, reporter=reporter, reason=reason, text=text)


def test_a_risk_report_opens_an_urgent_case_and_the_item_stays_published(reply, reporters):
    report = _report(reply, reporters[0], ReportReason.RISK_TO_AUTHOR)

    reply.refresh_from_db()
    assert reply.state == ModerationState.PUBLISHED and reply.is_public
    case = case_open_for(reply)
    assert case.priority == CasePriority.URGENT
    assert case.reason == HeldReason.RISK_REPORT
    assert report.case == case


def test_another_reason_opens_a_normal_case_and_the_item_stays_published(reply, reporters):
    _report(reply, reporters[0], ReportReason.SPAM, text="Selling something.")

    reply.refresh_from_db()
    assert reply.state == ModerationState.PUBLISHED and reply.is_public
    case = case_open_for(reply)
    assert (case.priority, case.reason) == (CasePriority.NORMAL, HeldReason.MEMBER_REPORTS)
    assert Report.objects.get().text == "Selling something."


def test_later_reports_join_the_open_case_and_a_risk_report_makes_it_urgent(
    reply, reporters, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 3
    first = _report(reply, reporters[0], ReportReason.HARASSMENT)
    second = _report(reply, reporters[1], ReportReason.RISK_TO_AUTHOR)

    assert first.case_id == second.case_id
    assert first.case.state == CaseState.OPEN
    assert case_open_for(reply).priority == CasePriority.URGENT


def test_a_normal_report_never_lowers_an_urgent_case(reply, reporters, settings):
    settings.HARBOUR_REPORTS_TO_HOLD = 3
    _report(reply, reporters[0], ReportReason.RISK_TO_AUTHOR)
    _report(reply, reporters[1], ReportReason.OTHER, text="Not sure.")

    case = case_open_for(reply)
    assert (case.priority, case.reason) == (CasePriority.URGENT, HeldReason.RISK_REPORT)


def test_reports_below_the_threshold_leave_the_item_public(reply, reporters, settings):
    settings.HARBOUR_REPORTS_TO_HOLD = 3
    _report(reply, reporters[0])
    _report(reply, reporters[1])

    reply.refresh_from_db()
    assert reply.state == ModerationState.PUBLISHED and reply.is_public


def test_reports_from_the_threshold_of_members_pull_the_item_back(reply, reporters, settings):
    settings.HARBOUR_REPORTS_TO_HOLD = 3
    for reporter in reporters[:3]:
        _report(reply, reporter)

    reply.refresh_from_db()
    assert reply.state == ModerationState.HELD and not reply.is_public
    assert case_open_for(reply).reports.count() == 3


def test_a_brick_is_pulled_back_by_the_threshold_too(brick, reporters, settings):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    _report(brick, reporters[0], ReportReason.PERSONAL_INFO)
    _report(brick, reporters[1], ReportReason.PERSONAL_INFO)

    brick.refresh_from_db()
    assert brick.state == ModerationState.HELD and not brick.is_public


def test_a_member_cannot_report_their_own_item(reply, other_member):
    with pytest.raises(ModerationRefused, match="your own post"):
        _report(reply, other_member)
    assert not Report.objects.exists()


def test_a_member_cannot_report_the_same_item_twice(reply, reporters):
    _report(reply, reporters[0], ReportReason.RISK_TO_AUTHOR)
    with pytest.raises(ModerationRefused, match="already reported"):
        _report(reply, reporters[0], ReportReason.HARASSMENT)
    assert Report.objects.count() == 1


def test_an_item_nobody_else_can_see_cannot_be_reported(member, other_member, reporters):
    held = brick_create(author=other_member, body="Waiting for a guide.", colour="sand")
    with pytest.raises(ModerationRefused, match="no longer shown"):
        _report(held, reporters[0])


def test_a_deleted_item_cannot_be_reported(reply, reporters):
    post_delete(post=reply, author=reply.author)
    with pytest.raises(ModerationRefused, match="no longer shown"):
        _report(Post.objects.get(pk=reply.pk), reporters[0])


def test_an_edit_awaiting_review_leaves_the_public_revision_reportable(reply, reporters, settings):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    post_edit(post=reply, author=reply.author, body="A newer version.")
    reply.refresh_from_db()
    assert reply.state in (ModerationState.PENDING, ModerationState.HELD) and reply.is_public

    _report(reply, reporters[0])
    reply.refresh_from_db()
    assert reply.is_public
    _report(reply, reporters[1])

    reply.refresh_from_db()
    assert not reply.is_public
    assert case_open_for(reply).reports.count() == 2


def test_a_risk_report_on_an_edit_awaiting_review_makes_its_case_urgent(reply, reporters):
    post_edit(post=reply, author=reply.author, body="A newer version.")
    _report(Post.objects.get(pk=reply.pk), reporters[0], ReportReason.RISK_TO_AUTHOR)

    reply.refresh_from_db()
    assert reply.is_public
    assert case_open_for(reply).priority == CasePriority.URGENT


def test_reports_a_guide_has_dealt_with_do_not_count_towards_the_next_hold(
    reply, reporters, approve, settings
):
    # A guide looked at two reports and kept the reply up. One new report must
    # not be enough to take it down again.
    settings.HARBOUR_REPORTS_TO_HOLD = 3
    _report(reply, reporters[0])
    _report(reply, reporters[1])
    approve(reply)

    _report(reply, reporters[2])

    reply.refresh_from_db()
    assert reply.state == ModerationState.PUBLISHED and reply.is_public


def test_an_item_a_guide_republished_needs_fresh_reports_to_be_pulled_again(
    brick, reporters, approve, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    _report(brick, reporters[0])
    _report(brick, reporters[1])
    approve(brick)
    assert brick.is_public

    _report(brick, reporters[2])
    brick.refresh_from_db()
    assert brick.is_public
    _report(brick, reporters[3])
    brick.refresh_from_db()
    assert not brick.is_public
