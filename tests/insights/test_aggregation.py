"""The nightly job counts the right things, per organisation and label, and can run twice."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from insights.aggregation import insights_aggregate, nightly_days
from insights.models import DailyStat, Metric
from insights.tasks import daily_aggregation_run
from moderation.states import ModerationState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def figures(organisation, day=None):
    rows = DailyStat.objects.filter(organisation=organisation)
    if day is not None:
        rows = rows.filter(day=day)
    return {(r.label, r.metric, r.key): r.value for r in rows}


def test_each_metric_counts_the_days_activity_by_label(seed, organisation, faculty_code):
    day = seed.day
    arts = [seed.member(organisation, faculty_code) for _ in range(3)]
    direct = seed.member(organisation)
    seed.post(arts[0], opening=True)
    seed.post(arts[1])
    seed.post(direct)
    seed.assessment(arts[0], "phq9", "Severe", 22)
    seed.assessment(arts[1], "gad7", "Mild", 6)
    seed.chat(arts[2], n=3)  # three lines, one session
    seed.course_progress(arts[0], finished=True)
    seed.course_progress(direct)
    seed.escalation(seed.post(direct, state=ModerationState.ESCALATED))
    seed.feedback(direct, supported=4, community=5)

    insights_aggregate(days=[day])

    got = figures(organisation, day)
    arts_label = "Faculty of Arts"
    assert got[(arts_label, Metric.SIGNUPS, "")] == 3
    assert got[("", Metric.SIGNUPS, "")] == 1
    assert got[(arts_label, Metric.THREADS, "")] == 1
    assert got[(arts_label, Metric.REPLIES, "")] == 1
    assert got[("", Metric.REPLIES, "")] == 1  # the escalated post is not counted
    assert got[("", Metric.TALKABOUT_POSTS, str(seed.talkabout.pk))] == 1
    assert got[(arts_label, Metric.ASSESSMENTS, "phq9:Severe")] == 1
    assert got[(arts_label, Metric.ASSESSMENTS, "gad7:Mild")] == 1
    assert got[(arts_label, Metric.CHAT_SESSIONS, "")] == 1
    assert got[(arts_label, Metric.COURSES_STARTED, "")] == 1
    assert got[(arts_label, Metric.COURSES_COMPLETED, "")] == 1
    assert got[("", Metric.COURSES_STARTED, "")] == 1
    assert ("", Metric.COURSES_COMPLETED, "") not in got
    assert got[("", Metric.ESCALATIONS, "")] == 1
    assert got[("", Metric.FEEDBACK_SUPPORTED, "4")] == 1
    assert got[("", Metric.FEEDBACK_COMMUNITY, "5")] == 1


def test_only_published_posts_count(seed, organisation):
    author = seed.member(organisation)
    for state in [ModerationState.PENDING, ModerationState.HELD, ModerationState.REMOVED]:
        seed.post(author, state=state)
    seed.post(author, state=ModerationState.PUBLISHED)
    insights_aggregate(days=[seed.day])
    assert figures(organisation, seed.day)[("", Metric.REPLIES, "")] == 1


def test_active_members_are_counted_once_per_week_and_month(seed, organisation):
    writer = seed.member(organisation)
    seed.post(writer)
    seed.post(writer, day=seed.day + timedelta(days=1))
    seed.chat(writer)
    seed.assessment(seed.member(organisation))
    insights_aggregate(days=[seed.day, seed.day + timedelta(days=1)])
    monday = seed.day - timedelta(days=seed.day.weekday())
    assert figures(organisation, monday)[("", Metric.ACTIVE_WEEK, "")] == 2
    first = seed.day.replace(day=1)
    assert figures(organisation, first)[("", Metric.ACTIVE_MONTH, "")] == 2


def test_organisations_and_people_outside_them_are_kept_apart(seed, organisation, elsewhere):
    seed.member(organisation)
    seed.member(elsewhere)
    seed.member(elsewhere)
    UserFactory(date_joined=seed.member(elsewhere).date_joined)  # joined directly: no organisation
    insights_aggregate(days=[seed.day])
    assert figures(organisation)[("", Metric.SIGNUPS, "")] == 1
    assert figures(elsewhere)[("", Metric.SIGNUPS, "")] == 3
    assert DailyStat.objects.filter(organisation__isnull=True).count() == 0


def test_running_a_day_twice_gives_the_same_figures(seed, organisation):
    seed.post(seed.member(organisation))
    insights_aggregate(days=[seed.day])
    first = figures(organisation)
    insights_aggregate(days=[seed.day])
    assert figures(organisation) == first


def test_a_post_published_later_counts_when_its_day_is_rebuilt(seed, organisation):
    post = seed.post(seed.member(organisation), state=ModerationState.HELD)
    insights_aggregate(days=[seed.day])
    assert ("", Metric.REPLIES, "") not in figures(organisation, seed.day)
    post.state, post.is_public = ModerationState.PUBLISHED, True
    post.save()
    insights_aggregate(days=[seed.day])
    assert figures(organisation, seed.day)[("", Metric.REPLIES, "")] == 1


def test_the_nightly_run_covers_today_and_the_settle_window(settings):
    settings.HARBOUR_INSIGHTS_SETTLE_DAYS = 3
    days = nightly_days()
    assert len(days) == 5
    assert days[-1] - days[0] == timedelta(days=4)


def test_the_beat_task_builds_todays_sign_ups(organisation):
    UserFactory(organisation=organisation)
    daily_aggregation_run.delay()
    assert sum(r.value for r in DailyStat.objects.filter(metric=Metric.SIGNUPS)) == 1


def test_the_command_rebuilds_one_day(seed, organisation, capsys):
    seed.member(organisation)
    call_command("aggregate_insights", "--day", seed.day.isoformat())
    assert "for 1 days" in capsys.readouterr().out
    assert figures(organisation, seed.day)[("", Metric.SIGNUPS, "")] == 1


def test_the_command_refuses_a_day_it_cannot_read():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("aggregate_insights", "--day", "last tuesday")


def test_each_run_notes_how_many_members_each_label_has(organisation, faculty_code):
    for _ in range(3):
        UserFactory(organisation=organisation, access_code=faculty_code)
    UserFactory(organisation=organisation, role="org_admin", access_code=faculty_code)
    insights_aggregate(days=[])
    got = figures(organisation)
    assert [v for (label, metric, _), v in got.items() if metric == Metric.MEMBERS] == [3]
