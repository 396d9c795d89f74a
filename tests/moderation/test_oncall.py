"""The on-call rota and paging: a new urgent case pages whoever is on duty with a
content-free email; with nobody on duty every lead is told and the author's page says
plainly that help may take longer."""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.services.threads import thread_create
from moderation.console_tasks import urgent_cases_page
from moderation.models import (
    AlertKind,
    AuditAction,
    AuditEntry,
    ConsoleAlert,
    OnCallShift,
    ReportReason,
)
from moderation.oncall import oncall_shift_add, urgent_case_page
from moderation.services import case_open_for, report_submit
from tests.conftest import _clinician
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_duty(guide, lead):
    now = timezone.now()
    oncall_shift_add(
        lead=lead, guide=guide, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=8)
    )
    return guide


@pytest.fixture
def published_post(settings, member, talkabout):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    thread = thread_create(author=member, talkabout=talkabout, title="Hello", body="Feeling low.")
    settings.HARBOUR_FAKE_RISK_DECISION = "review"
    return thread.posts.get()


def test_a_lead_puts_a_guide_on_call_in_the_rota_time_zone(client_for, lead, guide, settings):
    settings.HARBOUR_ONCALL_TIME_ZONE = "Europe/London"
    day = datetime.date(timezone.now().year + 1, 7, 1)  # British Summer Time: UTC+1
    response = client_for(lead).post(
        reverse("oncall_shift_add"),
        {"guide": guide.handle, "start_date": day, "start_time": "09:00",
         "end_date": day, "end_time": "17:00"},
    )  # fmt: skip
    assert response.status_code == 302
    shift = OnCallShift.objects.get()
    assert shift.guide == guide
    assert shift.starts_at == datetime.datetime(day.year, 7, 1, 8, 0, tzinfo=datetime.UTC)
    assert AuditEntry.objects.filter(action=AuditAction.ONCALL_SHIFT_ADDED).count() == 1


def test_the_rota_says_who_is_on_call_now(client_for, on_duty, lead):
    page = client_for(lead).get(reverse("oncall_rota")).content.decode()
    assert "On call now: <strong>guide-charlie</strong>" in page


def test_a_guide_can_read_the_rota_but_not_change_it(client_for, guide):
    client = client_for(guide)
    assert client.get(reverse("oncall_rota")).status_code == 200
    response = client.post(reverse("oncall_shift_add"), {"guide": guide.handle})
    assert response.status_code == 404
    assert not OnCallShift.objects.exists()


def test_an_urgent_case_pages_the_guide_on_duty_with_an_email_that_carries_no_content(
    django_capture_on_commit_callbacks, on_duty, other_member, published_post, lead
):
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(
            item=published_post, reporter=other_member, reason=ReportReason.RISK_TO_AUTHOR,
            text="They said goodbye to everyone",
        )  # fmt: skip
    case = case_open_for(published_post)
    assert len(mail.outbox) == 1
    page = mail.outbox[0]
    assert page.to == ["charlie@harbour.example"]
    assert page.subject == "An urgent case is waiting"
    assert page.body.strip() == f"http://localhost:8000/moderation/cases/{case.pk}/"
    for private in ("Feeling low", "Hello", "goodbye", "alice", "bob", "urgent_case"):
        assert private.lower() not in (page.subject + page.body).lower()
    alert = ConsoleAlert.objects.get(recipient=on_duty)
    assert alert.kind == AlertKind.URGENT_CASE and alert.case == case
    assert not ConsoleAlert.objects.filter(recipient=lead).exists()
    case.refresh_from_db()
    assert case.paged_at is not None and not case.nobody_on_duty


def test_a_case_is_paged_once(on_duty, escalated_post):
    case = case_open_for(escalated_post)
    assert urgent_case_page(case.pk) == "paged"
    assert urgent_case_page(case.pk) == "not needed"
    assert urgent_cases_page() == 0
    assert len(mail.outbox) == 1


def test_the_beat_task_pages_urgent_cases_opened_by_the_check(on_duty, escalated_post):
    assert mail.outbox == []  # the pipeline opened the case: nobody paged yet
    assert urgent_cases_page() == 1
    assert [message.to for message in mail.outbox] == [["charlie@harbour.example"]]


def test_a_guide_whose_shift_is_over_is_not_paged(lead, guide, escalated_post):
    OnCallShift.objects.create(
        guide=guide,
        starts_at=timezone.now() - timedelta(hours=9),
        ends_at=timezone.now() - timedelta(hours=1),
    )
    urgent_cases_page()
    assert [message.to for message in mail.outbox] == [["dana@harbour.example"]]


def test_with_nobody_on_duty_every_lead_is_flagged_and_the_author_told_help_may_take_longer(
    signed_in, lead, guide, member, escalated_post
):
    other_lead = _clinician("lead", "lead-gale", "gale@harbour.example")
    UserFactory(role="lead", handle="lead-gone", email="gone@harbour.example", is_active=False)
    assert urgent_cases_page() == 1
    case = case_open_for(escalated_post)
    case.refresh_from_db()
    assert case.nobody_on_duty
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dana@harbour.example", "gale@harbour.example",
    ]  # fmt: skip
    assert {message.subject for message in mail.outbox} == {"An urgent case is waiting"}
    kinds = ConsoleAlert.objects.filter(recipient__in=[lead, other_lead]).values_list(
        "kind", flat=True
    )
    assert list(kinds) == [AlertKind.NOBODY_ON_DUTY] * 2
    queue = signed_in(lead).get(reverse("case_list")).content.decode()
    assert "nobody is on call" in queue
    page = signed_in(member).get(reverse("thread_detail", args=[escalated_post.thread_id]))
    text = page.content.decode()
    assert "help from us may take longer" in text
    assert "You don't have to face this alone" in text  # the crisis lines, as always


def test_once_a_guide_takes_the_case_the_author_is_no_longer_told_help_may_take_longer(
    client_for, lead, member, escalated_post, claimed
):
    urgent_cases_page()
    claimed(escalated_post, lead)
    page = client_for(member).get(reverse("thread_detail", args=[escalated_post.thread_id]))
    assert "may take longer" not in page.content.decode()


def test_an_author_with_a_guide_on_duty_is_not_told_help_may_take_longer(
    client_for, on_duty, member, escalated_post
):
    urgent_cases_page()
    page = client_for(member).get(reverse("thread_detail", args=[escalated_post.thread_id]))
    assert "may take longer" not in page.content.decode()
