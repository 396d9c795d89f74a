"""The report pages: org_admins of the organisation only, fixed periods and labels,
no small number and nothing about any one member."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from insights.aggregation import insights_aggregate
from insights.models import DailyStat, Metric
from insights.periods import week_of
from tests.auth import totp_enable
from tests.factories import AccessCodeFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("insights:dashboard")
CSV = reverse("insights:dashboard_csv")
FIGURE_CELL = re.compile(r'<td class="figure">([^<]*)</td>')


def figure_cells(response):
    return FIGURE_CELL.findall(response.content.decode())


def headline(response, name):
    match = re.search(
        rf'<th scope="row">{name}</th><td class="figure">([^<]*)</td>', response.content.decode()
    )
    return match.group(1)


def csv_values(response):
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    return rows, [row["value"] for row in rows]


def test_a_sign_up_shows_as_fewer_than_5_after_the_nightly_run(client_for, org_admin):
    UserFactory(organisation=org_admin.organisation)
    client = client_for(org_admin)
    assert headline(client.get(DASHBOARD), "Sign-ups") == "0"
    insights_aggregate(days=[timezone.localdate()])
    assert headline(client.get(DASHBOARD), "Sign-ups") == "fewer than 5"


def test_five_sign_ups_are_shown_as_a_number(client_for, org_admin):
    for _ in range(5):
        UserFactory(organisation=org_admin.organisation)
    insights_aggregate(days=[timezone.localdate()])
    assert headline(client_for(org_admin).get(DASHBOARD), "Sign-ups") == "5"


def test_no_page_names_a_member_or_shows_what_they_wrote(client_for, org_admin, seed, faculty_code):
    organisation = org_admin.organisation
    members = [seed.member(organisation, faculty_code) for _ in range(6)]
    members.append(seed.member(organisation, handle="org-admin-as-member"))
    for member in members:
        seed.post(member, opening=True)
        seed.chat(member)
        seed.feedback(member, supported=5, community=4)
    insights_aggregate(days=[seed.day])
    client = client_for(org_admin)
    week, month = week_of(seed.day).value, f"{seed.day:%Y-%m}"
    pages = [
        client.get(url, {"period": period, "label": label})
        for url in (DASHBOARD, CSV)
        for period in (week, month)
        for label in ("", "Faculty of Arts")
    ]
    assert all(page.status_code == 200 for page in pages)
    assert "Exam stress" in pages[0].content.decode()  # Talkabouts most used: 7 posts
    for page in pages:
        text = page.content.decode()
        leaked = [w for w in seed.handles + seed.words if w.lower() in text.lower()]
        assert leaked == []
        assert not re.search(r'href="[^"]*/(members?|people|u)/', text)


def test_an_org_admin_sees_only_their_own_organisation(
    client_for, org_admin, seed, elsewhere, organisation
):
    for _ in range(7):
        seed.member(elsewhere)
    insights_aggregate(days=[seed.day])
    response = client_for(org_admin).get(DASHBOARD, {"period": week_of(seed.day).value})
    assert headline(response, "Sign-ups") == "0"
    assert "Southgate College" not in response.content.decode()
    assert "Northbridge University" in response.content.decode()


def test_another_organisations_label_is_refused(client_for, org_admin, elsewhere):
    code = AccessCodeFactory(organisation=elsewhere, label="Southgate nursing")
    for _ in range(6):
        UserFactory(organisation=elsewhere, access_code=code)
    response = client_for(org_admin).get(DASHBOARD, {"label": "Southgate nursing"})
    assert response.status_code == 400
    assert "Choose a label from the list" in response.content.decode()


def test_an_org_admin_without_an_organisation_gets_404(client_for, db):
    admin = UserFactory(role=Role.ORG_ADMIN, email="lone@example.com")
    totp_enable(admin)
    client = client_for(admin)
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(CSV).status_code == 404


@pytest.mark.parametrize("person", ["member", "guide", "lead", "staff"])
def test_nobody_else_reaches_the_reports(request, client_for, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(CSV).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2020-W01"},  # older than a year
        {"period": "2026-13"},
        {"period": "from 2026-01-01 to 2026-01-03"},
        {"period": "'; DROP TABLE insights_dailystat; --"},
        {"label": "x" * 5000},
        {"label": "Faculty of Arts"},  # exists, but has fewer than 5 members
        {"period": "\x00"},
    ],
)
def test_bad_period_or_label_gives_a_plain_form_error(client_for, org_admin, faculty_code, query):
    UserFactory(organisation=org_admin.organisation, access_code=faculty_code)
    client = client_for(org_admin)
    for url in (DASHBOARD, CSV):
        response = client.get(url, query)
        assert response.status_code == 400
        text = response.content.decode()
        assert "Choose a" in text and 'role="alert"' in text


def test_a_label_is_offered_only_from_5_members(client_for, org_admin, faculty_code):
    for _ in range(4):
        UserFactory(organisation=org_admin.organisation, access_code=faculty_code)
    insights_aggregate(days=[])
    client = client_for(org_admin)
    assert "Faculty of Arts" not in client.get(DASHBOARD).content.decode()
    UserFactory(organisation=org_admin.organisation, access_code=faculty_code)
    # Labels are offered as the nightly run found them, so every report until the
    # next run splits the organisation the same way.
    assert "Faculty of Arts" not in client.get(DASHBOARD).content.decode()
    insights_aggregate(days=[])
    response = client.get(DASHBOARD, {"label": "Faculty of Arts"})
    assert response.status_code == 200
    assert "members who joined with “Faculty of Arts”" in response.content.decode()


def test_pages_keep_to_the_content_security_policy(client_for, org_admin):
    response = client_for(org_admin).get(DASHBOARD)
    text = response.content.decode()
    assert "<script" not in text and "style=" not in text and "<style" not in text
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert 'role="img"' in text and "<title id=" in text and "<desc id=" in text


def test_the_csv_has_the_same_figures_as_the_page(client_for, org_admin, seed):
    for _ in range(6):
        seed.post(seed.member(org_admin.organisation))
    insights_aggregate(days=[seed.day])
    client = client_for(org_admin)
    query = {"period": week_of(seed.day).value}
    page, download = client.get(DASHBOARD, query), client.get(CSV, query)
    assert download["Content-Type"].startswith("text/csv")
    rows, _ = csv_values(download)
    headlines = {r["figure"]: r["value"] for r in rows if r["section"] == "Headlines"}
    assert headlines["Sign-ups"] == headline(page, "Sign-ups") == "6"
    assert headlines["Posts and replies"] == headline(page, "Posts and replies") == "6"


LABELS = ["", "Faculty of Arts", "Faculty of Law", "Visiting"]
METRICS = [
    (Metric.SIGNUPS, ""),
    (Metric.ACTIVE_WEEK, ""),
    (Metric.THREADS, ""),
    (Metric.REPLIES, ""),
    (Metric.ASSESSMENTS, "phq9:Moderate"),
    (Metric.ASSESSMENTS, "gad7:Mild"),
    (Metric.CHAT_SESSIONS, ""),
    (Metric.ESCALATIONS, ""),
    (Metric.FEEDBACK_SUPPORTED, "5"),
    (Metric.COURSES_COMPLETED, ""),
]


@pytest.fixture
def labelled_admin(org_admin):
    # Arts and Law have 5 members each, so they are offered; Visiting has 2, so it is not.
    for label, size in (("Faculty of Arts", 5), ("Faculty of Law", 5), ("Visiting", 2)):
        code = AccessCodeFactory(organisation=org_admin.organisation, label=label)
        for _ in range(size):
            UserFactory(organisation=org_admin.organisation, access_code=code)
    insights_aggregate(days=[])
    return org_admin


@pytest.fixture
def labelled_client(client_for, labelled_admin):
    return client_for(labelled_admin)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cells=st.dictionaries(
        st.tuples(st.sampled_from(LABELS), st.sampled_from(METRICS), st.integers(0, 2)),
        st.integers(1, 12),
        max_size=25,
    )
)
def test_no_page_or_csv_shows_a_number_from_1_to_4(labelled_client, labelled_admin, cells):
    organisation = labelled_admin.organisation
    DailyStat.objects.exclude(metric=Metric.MEMBERS).delete()
    monday = week_of(timezone.localdate()).start - timedelta(days=7)
    DailyStat.objects.bulk_create(
        DailyStat(
            organisation=organisation,
            day=monday + timedelta(days=offset),
            label=label,
            metric=metric,
            key=key,
            value=value,
        )  # fmt: skip
        for (label, (metric, key), offset), value in cells.items()
        if metric != Metric.ACTIVE_WEEK or offset == 0
    )
    client = labelled_client
    for label in ("", "Faculty of Arts", "Faculty of Law"):
        query = {"period": week_of(monday).value, "label": label}
        page, download = client.get(DASHBOARD, query), client.get(CSV, query)
        assert page.status_code == 200
        shown = figure_cells(page) + csv_values(download)[1]
        assert shown, "the report shows figures"
        assert not [v for v in shown if v.strip() in {"1", "2", "3", "4"}]


def test_a_small_labels_figure_cannot_be_had_by_subtracting_two_reports(
    labelled_client, labelled_admin
):
    # Law's 2 sign-ups are "fewer than 5"; whole (8) minus Arts (6) would give them away.
    organisation, day = labelled_admin.organisation, timezone.localdate()
    for label, value in (("Faculty of Arts", 6), ("Faculty of Law", 2)):
        DailyStat.objects.create(
            organisation=organisation, day=day, label=label, metric=Metric.SIGNUPS, value=value
        )
    reports = {
        label: headline(labelled_client.get(DASHBOARD, {"label": label}), "Sign-ups")
        for label in ("", "Faculty of Arts", "Faculty of Law")
    }
    assert reports["Faculty of Law"] == "fewer than 5"
    assert not (reports[""].isdigit() and reports["Faculty of Arts"].isdigit())


def test_a_label_that_looks_like_a_formula_stays_text_in_the_csv(client_for, org_admin):
    code = AccessCodeFactory(organisation=org_admin.organisation, label="=HYPERLINK(1)")
    for _ in range(5):
        UserFactory(organisation=org_admin.organisation, access_code=code)
    insights_aggregate(days=[])
    response = client_for(org_admin).get(CSV, {"label": "=HYPERLINK(1)"})
    rows, _ = csv_values(response)
    assert {row["members"] for row in rows} == {"'=HYPERLINK(1)"}
