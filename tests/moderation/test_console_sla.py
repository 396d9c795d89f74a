"""Cases past their SLA are raised once and the leads told; the lead's overview; and
distressing excerpts blurred in the queue for the guides' wellbeing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.console_tasks import sla_breaches_raise
from moderation.models import AlertKind, CasePriority, ConsoleAlert, ReviewCase
from moderation.services import case_approve, case_open_for
from moderation.sla import lead_overview

pytestmark = pytest.mark.django_db


def _age(case, **ago):
    ReviewCase.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(**ago))


def test_a_case_past_its_sla_is_raised_once_and_every_lead_told(lead, held_post):
    case = case_open_for(held_post)
    _age(case, hours=5)  # normal: four hours
    assert sla_breaches_raise() == 1
    case.refresh_from_db()
    assert case.priority == CasePriority.HIGH and case.sla_breached_at is not None
    alert = ConsoleAlert.objects.get(recipient=lead)
    assert alert.kind == AlertKind.SLA_BREACH and "past its SLA" in alert.text
    assert sla_breaches_raise() == 0  # the shorter high deadline has passed too: not again
    assert ReviewCase.objects.get(pk=case.pk).priority == CasePriority.HIGH


def test_a_case_within_its_sla_is_left_alone(lead, held_post):
    _age(case_open_for(held_post), hours=3)
    assert sla_breaches_raise() == 0
    assert case_open_for(held_post).priority == CasePriority.NORMAL


def test_the_overview_counts_open_cases_breaches_and_median_time_to_decision(
    signed_in, guide, lead, member, held_post, held_brick, escalated_post
):
    brick_case = case_open_for(held_brick)
    _age(brick_case, minutes=40)
    case_approve(case=brick_case, guide=guide)  # decided after 40 minutes
    _age(case_open_for(held_post), hours=5)
    sla_breaches_raise()
    overview = lead_overview()
    rows = {row["priority"]: row for row in overview["rows"]}
    assert rows["Urgent"]["open"] == 1 and rows["High"]["open"] == 1
    assert rows["Normal"]["decided"] == 1
    assert rows["Normal"]["median_minutes"] == pytest.approx(40, abs=1)
    assert overview["breaches_today"] >= 1
    page = signed_in(lead).get(reverse("lead_overview")).content.decode()
    assert "40.0 min" in page and "went past" in page


def test_guides_cannot_see_the_overview(client_for, guide):
    assert client_for(guide).get(reverse("lead_overview")).status_code == 404


def test_distressing_excerpts_are_blurred_until_focused_unless_turned_off(
    client_for, guide, escalated_post, held_brick, settings
):
    client = client_for(guide)
    page = client.get(reverse("case_list")).content.decode()
    assert page.count('class="excerpt blurred" tabindex="0"') == 1  # the escalated post only
    assert "Small steps, every day." in page
    settings.HARBOUR_CONSOLE_BLUR_DISTRESSING = False
    assert "excerpt blurred" not in client.get(reverse("case_list")).content.decode()
