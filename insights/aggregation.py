"""Build the daily figures (DailyStat) from the activity tables, one SQL query per metric
for every organisation at once. Rebuilding a day replaces it, so running twice is harmless.

Every query counts only accounts with the member role that belong to an organisation,
grouped by the label of the access code they joined with. Nothing but counts leaves
the database.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from insights.models import DailyStat, Metric
from moderation.models import ESCALATION_REASONS, CasePriority

# Joins a member id (column `member_id` of the row source) to its organisation and label.
_MEMBER = """
    JOIN accounts_user u ON u.id = src.member_id
        AND u.organisation_id IS NOT NULL AND u.role = 'member'
    LEFT JOIN organisations_accesscode c ON c.id = u.access_code_id
"""
_GROUP = "u.organisation_id, COALESCE(c.label, '')"


def _counted(source: str, metric: str, key: str = "''", count: str = "COUNT(*)") -> str:
    return (
        # Built from this module's constants only; dates are passed as parameters.
        f"SELECT {metric}, {_GROUP}, {key}, {count} FROM ({source}) src {_MEMBER} "  # noqa: S608
        f"GROUP BY 1, {_GROUP}, 4"
    )


_ESCALATION = ", ".join(f"'{reason}'" for reason in sorted(ESCALATION_REASONS))

DAILY_QUERIES = [
    _counted(
        "SELECT id AS member_id FROM accounts_user WHERE date_joined >= %(start)s "
        "AND date_joined < %(end)s",
        f"'{Metric.SIGNUPS}'",
    ),
    # Only what others can see counts: a held, removed or deleted post does not.
    _counted(
        "SELECT author_id AS member_id, is_opening FROM community_post "
        "WHERE is_public AND created_at >= %(start)s AND created_at < %(end)s",
        f"CASE WHEN src.is_opening THEN '{Metric.THREADS}' ELSE '{Metric.REPLIES}' END",
    ),
    _counted(
        "SELECT p.author_id AS member_id, t.talkabout_id FROM community_post p "
        "JOIN community_thread t ON t.id = p.thread_id "
        "WHERE p.is_public AND p.created_at >= %(start)s AND p.created_at < %(end)s",
        f"'{Metric.TALKABOUT_POSTS}'",
        key="CAST(src.talkabout_id AS TEXT)",
    ),
    _counted(
        "SELECT member_id FROM selfcare_courseprogress "
        "WHERE started_at >= %(start)s AND started_at < %(end)s",
        f"'{Metric.COURSES_STARTED}'",
    ),
    _counted(
        "SELECT member_id FROM selfcare_courseprogress "
        "WHERE finished_at >= %(start)s AND finished_at < %(end)s",
        f"'{Metric.COURSES_COMPLETED}'",
    ),
    _counted(
        "SELECT member_id, kind, band FROM selfcare_selfassessment "
        "WHERE taken_at >= %(start)s AND taken_at < %(end)s",
        f"'{Metric.ASSESSMENTS}'",
        key="src.kind || ':' || src.band",
    ),
    # A chat session: a member writing in a room on a day.
    _counted(
        "SELECT DISTINCT author_id AS member_id, room_id FROM chat_chatmessage "
        "WHERE created_at >= %(start)s AND created_at < %(end)s",
        f"'{Metric.CHAT_SESSIONS}'",
    ),
    _counted(
        "SELECT author_id AS member_id FROM moderation_reviewcase "  # noqa: S608
        "WHERE opened_at >= %(start)s AND opened_at < %(end)s "
        f"AND priority = {int(CasePriority.URGENT)} "
        f"AND (escalated_at IS NOT NULL OR reason IN ({_ESCALATION}))",
        f"'{Metric.ESCALATIONS}'",
    ),
    *(
        _counted(
            f"SELECT member_id, {column} AS rating FROM selfcare_feedbackresponse "  # noqa: S608
            f"WHERE {column} IS NOT NULL AND answered_at >= %(start)s AND answered_at < %(end)s",
            f"'{metric}'",
            key="CAST(src.rating AS TEXT)",
        )
        for column, metric in (
            ("supported", Metric.FEEDBACK_SUPPORTED),
            ("community", Metric.FEEDBACK_COMMUNITY),
        )
    ),
]

MEMBERS_QUERY = _counted("SELECT id AS member_id FROM accounts_user", f"'{Metric.MEMBERS}'")

# Active: wrote a post or a chat message, took a self-assessment or moved on in a course.
ACTIVE_QUERY = _counted(
    "SELECT author_id AS member_id FROM community_post "
    "WHERE created_at >= %(start)s AND created_at < %(end)s "
    "UNION SELECT author_id FROM chat_chatmessage "
    "WHERE created_at >= %(start)s AND created_at < %(end)s "
    "UNION SELECT member_id FROM selfcare_selfassessment "
    "WHERE taken_at >= %(start)s AND taken_at < %(end)s "
    "UNION SELECT member_id FROM selfcare_courseprogress "
    "WHERE updated_at >= %(start)s AND updated_at < %(end)s",
    "CAST(%(metric)s AS TEXT)",
)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _rows(query: str, start: date, end: date, **extra) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, {"start": _midnight(start), "end": _midnight(end), **extra})
        return cursor.fetchall()


def _store(day: date, rows, metrics) -> int:
    DailyStat.objects.filter(day=day, metric__in=metrics).delete()
    stats = [
        DailyStat(organisation_id=org, day=day, label=label, metric=metric, key=key, value=value)
        for metric, org, label, key, value in rows
    ]
    DailyStat.objects.bulk_create(stats, batch_size=2000)
    return len(stats)


DAILY_METRICS = [
    m for m in Metric.values if m not in (Metric.ACTIVE_WEEK, Metric.ACTIVE_MONTH, Metric.MEMBERS)
]


def day_aggregate(*, day: date) -> int:
    """Rebuild one day's figures for every organisation; returns the rows written."""
    rows = [row for query in DAILY_QUERIES for row in _rows(query, day, day + timedelta(days=1))]
    with transaction.atomic():
        return _store(day, rows, DAILY_METRICS)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def active_aggregate(*, metric: str, start: date, end: date) -> int:
    """Rebuild the distinct active members of one week or month, stored on its first day."""
    rows = _rows(ACTIVE_QUERY, start, end, metric=metric)
    with transaction.atomic():
        return _store(start, rows, [metric])


def members_count(*, today: date) -> int:
    """Note each label's members as of now, on today: reports offer labels from this."""
    with connection.cursor() as cursor:
        cursor.execute(MEMBERS_QUERY)
        rows = cursor.fetchall()
    with transaction.atomic():
        return _store(today, rows, [Metric.MEMBERS])


def insights_aggregate(*, days: list[date]) -> int:
    """Rebuild the given days, and the weeks and months they fall in; returns rows written."""
    written = members_count(today=timezone.localdate())
    written += sum(day_aggregate(day=day) for day in days)
    for start in sorted({week_start(day) for day in days}):
        written += active_aggregate(
            metric=Metric.ACTIVE_WEEK, start=start, end=start + timedelta(days=7)
        )
    for start in sorted({month_start(day) for day in days}):
        written += active_aggregate(metric=Metric.ACTIVE_MONTH, start=start, end=next_month(start))
    return written


def nightly_days(today: date | None = None) -> list[date]:
    """Today so far, yesterday, and the settle window before it."""
    today = today or timezone.localdate()
    back = settings.HARBOUR_INSIGHTS_SETTLE_DAYS + 1
    return [today - timedelta(days=n) for n in range(back, -1, -1)]
