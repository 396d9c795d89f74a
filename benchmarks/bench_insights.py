"""Organisation reports at scale: 100,000 members, 1,000,000 posts and a year of activity.

Measured in a subprocess with the bench settings (`python -m benchmarks.bench_insights
--measure`), on a database and Redis database of its own (harbour_bench_insights, Redis
db 7, prefix hb-insights-bench) so it never touches the other benchmarks' seed:

- the daily aggregation job: one day, and the nightly run (today, yesterday and the
  settle window), for every organisation at once;
- the dashboard page (p50, p95, query count) through Django's test client and every
  middleware, for the current week, a month and a month by label, against the bare
  view through the same client. Goal: dashboard p95 under 300 ms.

The seed is written once with `generate_series` in a few statements and kept; the
year's daily figures are built once from it by the aggregation itself.
"""

import json
import os
import subprocess
import sys
import time

from benchmarks import PROJECT_ROOT, BenchmarkError, django_env, env_int
from benchmarks.database import _postgres_database_create
from benchmarks.inprocess import mfa_client, page_timings, percentiles
from benchmarks.report import Report

DATABASE = "harbour_bench_insights"
MEMBERS = 100_000
POSTS = 1_000_000
THREADS = 200_000
LABELS = 10
DAYS = 365


def _env() -> dict:
    return django_env() | {
        "DATABASE_URL": os.environ.get(
            "BENCH_INSIGHTS_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
        ),
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "CACHE_KEY_PREFIX": "hb-insights-bench",
        "CHANNELS_PREFIX": "hb-insights-bench:asgi",
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }


def _subprocess(args: list[str], what: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=PROJECT_ROOT, env=_env(), capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BenchmarkError(f"{what} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def run() -> Report:
    """Seed once, then time the aggregation job and the dashboard page."""
    _postgres_database_create({"NAME": DATABASE, "HOST": "127.0.0.1", "PORT": "5432"})
    _subprocess(["manage.py", "migrate", "--noinput", "--verbosity", "0"], "manage.py migrate")
    out = _subprocess(["-m", "benchmarks.bench_insights", "--measure"], "the insights benchmark")
    figures = json.loads(out.strip().splitlines()[-1])
    rows = [
        [name, str(f["n"]), f"{f['p50']:.1f}", f"{f['p95']:.1f}", str(f.get("queries", ""))]
        for name, f in figures["targets"].items()
    ]
    seed = figures["seed"]
    return Report(
        title=(
            f"Organisation reports ({seed['members']:,} members, {seed['posts']:,} posts, "
            f"{seed['stats']:,} daily figures; in-process)"
        ),
        columns=["target", "samples", "p50 ms", "p95 ms", "queries"],
        rows=rows,
        notes=[
            "Goal: dashboard p95 under 300 ms.",
            f"Seeding took {seed['seconds']:.0f} s this run (0 when kept from an earlier run).",
        ],
    )


# --- In the subprocess only: Django is set up there.


SEED_SQL = [
    # One large organisation with ten labels, and a small one beside it.
    """INSERT INTO organisations_organisation (name, kind, allow_domain_signup, created_at)
       VALUES ('Bench University', 'university', true, now() - interval '2 years'),
              ('Bench College', 'university', true, now() - interval '2 years')""",
    """INSERT INTO organisations_accesscode (organisation_id, code, label, uses, created_at)
       SELECT (SELECT min(id) FROM organisations_organisation), 'BENCH-' || g,
              'Faculty ' || g, 0, now() FROM generate_series(0, %(labels)s - 1) g""",
    # Members: 90% in the university (most with a code), the rest in the college.
    """INSERT INTO accounts_user (password, is_superuser, email, handle, role, country,
           is_staff, is_active, date_joined, organisation_id, access_code_id, birth_year)
       SELECT '!', false, 'bench-member-' || g || '@bench.example', 'bench-member-' || g,
              'member', 'GB', false, true,
              now() - random() * %(days)s * interval '1 day',
              CASE WHEN g %% 10 = 0 THEN (SELECT max(id) FROM organisations_organisation)
                   ELSE (SELECT min(id) FROM organisations_organisation) END,
              CASE WHEN g %% 10 IN (0, 1) THEN NULL
                   ELSE (SELECT min(id) FROM organisations_accesscode) + g %% %(labels)s END,
              1995
       FROM generate_series(1, %(members)s) g""",
    """INSERT INTO community_talkabout (title, slug, description, house_rules_note,
           default_content_warning, "order", is_archived)
       SELECT 'Bench talkabout ' || g, 'bench-talkabout-' || g, 'For measuring.', '', '', g, false
       FROM generate_series(1, 20) g""",
    """CREATE TEMP TABLE bench_members AS
       SELECT row_number() OVER (ORDER BY id) AS n, id FROM accounts_user
       WHERE email LIKE 'bench-member-%%'""",
    "CREATE UNIQUE INDEX ON bench_members (n)",
    "ANALYZE bench_members",
    """INSERT INTO community_thread (title, public_title, is_public, public_reply_count,
           created_at, last_activity_at, author_id, talkabout_id)
       SELECT 'Bench thread', 'Bench thread', true, 4, t, t,
              (SELECT id FROM bench_members WHERE n = 1 + (g::bigint * 7919) %% %(members)s),
              (SELECT min(id) FROM community_talkabout) + g %% 20
       FROM generate_series(1, %(threads)s) g,
            LATERAL (SELECT now() - random() * %(days)s * interval '1 day' AS t) at""",
    # Five posts a thread: the opening post and four replies; one in ten is not public.
    """INSERT INTO community_post (state, is_public, revision, created_at, is_opening, body,
           content_warning, public_html, public_content_warning, public_text, hug_count,
           author_id, thread_id, check_attempts)
       SELECT CASE WHEN k %% 10 = 3 THEN 'held' ELSE 'published' END, k %% 10 <> 3, 1,
              t.created_at + k * interval '1 hour', k = 0, 'A bench post', '', '', '',
              '', 0, m.id, t.id, 0
       FROM community_thread t, generate_series(0, 4) k,
            LATERAL (SELECT id FROM bench_members
                     WHERE n = 1 + ((t.id * 31 + k * 7) %% %(members)s)) m""",
    """INSERT INTO chat_room (kind, title, topic, schedule, capacity, is_open, last_sequence,
           created_at)
       SELECT 'group', 'Bench room ' || g, '', '', 30, true, 0, now()
       FROM generate_series(1, 5) g""",
    """INSERT INTO chat_chatmessage (state, is_public, revision, created_at, check_attempts,
           client_id, body, public_body, delayed, decision_note, author_id, room_id)
       SELECT 'published', true, 1, now() - random() * %(days)s * interval '1 day', 0,
              'bench-' || g, 'Hello', 'Hello', false, '',
              (SELECT id FROM bench_members WHERE n = 1 + (g::bigint * 104729) %% %(members)s),
              (SELECT min(id) FROM chat_room WHERE title LIKE 'Bench room%%') + g %% 5
       FROM generate_series(1, 200000) g""",
    """INSERT INTO selfcare_selfassessment (kind, answers, score, band, taken_at, member_id)
       SELECT CASE WHEN m.n %% 2 = 0 THEN 'phq9' ELSE 'gad7' END, '[]', 8,
              (ARRAY['Minimal', 'Mild', 'Moderate', 'Severe'])[1 + m.n %% 4],
              now() - random() * %(days)s * interval '1 day', m.id
       FROM bench_members m""",
    """INSERT INTO selfcare_courseprogress (current, completed, started_at, updated_at,
           finished_at, course_id, member_id)
       SELECT 1, 0, s, s, CASE WHEN m.n %% 3 = 0 THEN s + interval '9 days' END,
              (SELECT min(id) FROM selfcare_course), m.id
       FROM bench_members m,
            LATERAL (SELECT now() - random() * %(days)s * interval '1 day' AS s) at
       WHERE m.n %% 2 = 0""",
    """INSERT INTO selfcare_feedbackresponse (organisation_kind, "like", dislike, change,
           supported, community, answered_at, member_id)
       SELECT 'university', '', '', '', 1 + m.n %% 5, 1 + (m.n / 5) %% 5,
              now() - random() * %(days)s * interval '1 day', m.id
       FROM bench_members m WHERE m.n %% 5 = 0""",
]


def _seed() -> float:
    from django.db import connection, transaction

    from accounts.models import User

    if User.objects.filter(email="bench-member-1@bench.example").exists():
        return 0.0
    started = time.perf_counter()
    params = {"members": MEMBERS, "threads": THREADS, "labels": LABELS, "days": DAYS}
    with transaction.atomic(), connection.cursor() as cursor:  # all or nothing
        for statement in SEED_SQL:
            cursor.execute(statement, params)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _backfill() -> None:
    """Build a year of daily figures once, as the nightly job would have day by day."""
    from datetime import timedelta

    from django.utils import timezone

    from insights.aggregation import insights_aggregate
    from insights.models import DailyStat

    today = timezone.localdate()
    if DailyStat.objects.filter(day__lte=today - timedelta(days=DAYS - 1)).exists():
        return
    insights_aggregate(days=[today - timedelta(days=n) for n in range(DAYS, -1, -1)])


def _admin_client():
    from accounts.models import User
    from organisations.models import Organisation

    admin, _ = User.objects.get_or_create(
        email="bench-org-admin@bench.example",
        defaults={
            "handle": "bench-org-admin",
            "role": "org_admin",
            "organisation": Organisation.objects.get(name="Bench University"),
        },
    )
    return mfa_client(admin)


def _timed(function, repeats: int) -> dict:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def measure() -> dict:
    from datetime import timedelta

    import django

    django.setup()
    from django.utils import timezone

    from accounts.models import User
    from community.models import Post
    from insights.aggregation import insights_aggregate, nightly_days
    from insights.models import DailyStat
    from insights.periods import month_of

    seconds = _seed()
    _backfill()
    today = timezone.localdate()
    requests = env_int("BENCH_INSIGHTS_REQUESTS", 40)
    # The nightly run first: it also notes each label's members, which labels are offered from.
    targets = {
        "aggregation, nightly run": _timed(lambda: insights_aggregate(days=nightly_days()), 1),
        "aggregation, one day": _timed(lambda: insights_aggregate(days=[today]), 3),
    }
    client = _admin_client()
    month = month_of(today).value
    last_month = month_of(month_of(today).start - timedelta(days=1)).value
    pages = {
        "bare view": "/bench/bare/",
        "dashboard, this week": "/portal/reports/",
        "dashboard, this month": f"/portal/reports/?period={month}",
        "dashboard, last month by label": f"/portal/reports/?period={last_month}&label=Faculty+3",
        "CSV, this month": f"/portal/reports/report.csv?period={month}",
    }
    for name, path in pages.items():
        targets[name] = page_timings(client, path, requests)
    return {
        "seed": {
            "members": User.objects.filter(role="member").count(),
            "posts": Post.objects.count(),
            "stats": DailyStat.objects.count(),
            "seconds": seconds,
        },
        "targets": targets,
    }


if __name__ == "__main__" and "--measure" in sys.argv:
    print(json.dumps(measure()))
