"""/metrics reports the moderation queue as it stands, in Prometheus's text format,
to staff or to a scraper holding the metrics token, and to nobody else."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from moderation.console_tasks import sla_breaches_raise
from moderation.models import ReviewCase
from moderation.services import case_approve, case_open_for

pytestmark = pytest.mark.django_db

TOKEN = "scrape-me-7b1c4e"
SAMPLE = re.compile(r"^(?P<name>[a-z_]+)(\{(?P<labels>[^}]*)\})? (?P<value>\S+)$")


def _scrape(client, **headers):
    return client.get("/metrics", **headers)


def _samples(text) -> dict:
    """{(name, 'label="value",...'): value} for every sample line."""
    found = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, f"not exposition format: {line!r}"
        found[(match["name"], match["labels"] or "")] = float(match["value"])
    return found


@pytest.fixture
def token(settings):
    settings.HARBOUR_METRICS_TOKEN = TOKEN
    return TOKEN


def _bearer(value):
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}


def test_metrics_reflect_the_seeded_queue(settings, token, post_checked, guide):
    settings.HARBOUR_RISK_DISPATCH = "on_commit"  # never fires in this test: stays pending
    pending = post_checked("publish")
    settings.HARBOUR_RISK_DISPATCH = "immediate"
    old = post_checked("review")
    post_checked("review")
    post_checked("escalate")
    decided = post_checked("review")
    case_approve(case=case_open_for(decided), guide=guide)
    ReviewCase.objects.filter(pk=case_open_for(old).pk).update(
        opened_at=timezone.now() - timedelta(hours=5)  # normal's SLA is four hours
    )
    type(pending).objects.filter(pk=pending.pk).update(
        pending_since=timezone.now() - timedelta(seconds=90)
    )

    response = _scrape(Client(), **_bearer(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    got = _samples(response.content.decode())

    assert got[("harbour_moderation_pending_items", 'kind="community.post"')] == 1
    assert got[("harbour_moderation_pending_oldest_age_seconds", "")] == pytest.approx(90, abs=5)
    assert got[("harbour_review_queue_depth", "")] == 3
    assert got[("harbour_review_cases_open", 'priority="urgent"')] == 1
    assert got[("harbour_review_cases_open", 'priority="normal"')] == 2
    assert got[("harbour_review_cases_open", 'priority="high"')] == 0
    assert got[("harbour_review_queue_oldest_age_seconds", "")] == pytest.approx(5 * 3600, abs=5)
    assert got[("harbour_review_cases_overdue", 'priority="normal"')] == 1
    assert got[("harbour_review_decisions_per_minute", 'decision="approved"')] == 1 / 5
    assert got[("harbour_risk_decisions_per_minute", 'decision="review"')] == 3 / 5
    assert got[("harbour_risk_decisions_per_minute", 'decision="escalate"')] == 1 / 5
    assert got[("harbour_review_sla_breaches_today", "")] == 0


def test_an_sla_breach_is_counted_once_raised(staff, token, post_checked, client_for):
    case = case_open_for(post_checked("review"))
    ReviewCase.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(hours=5))
    sla_breaches_raise()
    got = _samples(_scrape(client_for(staff)).content.decode())
    assert got[("harbour_review_sla_breaches_today", "")] == 1
    assert got[("harbour_review_cases_open", 'priority="high"')] == 1


def test_an_empty_queue_reads_zero(token):
    got = _samples(_scrape(Client(), **_bearer(token)).content.decode())
    assert got[("harbour_review_queue_depth", "")] == 0
    assert got[("harbour_review_queue_oldest_age_seconds", "")] == 0


def test_staff_may_read_the_metrics_without_a_token(client_for, staff):
    assert _scrape(client_for(staff)).status_code == 200


@pytest.mark.parametrize("who", ["member", "guide", "lead", "org_admin"])
def test_other_roles_cannot_see_that_metrics_exist(request, signed_in, token, who):
    response = _scrape(signed_in(request.getfixturevalue(who)))
    assert response.status_code == 404


def test_a_signed_out_visitor_without_the_token_is_sent_to_sign_in(token):
    response = _scrape(Client())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_wrong_token_is_refused(token):
    assert _scrape(Client(), **_bearer("scrape-me-7b1c4f")).status_code == 302


def test_with_no_token_set_no_bearer_gets_in(settings):
    settings.HARBOUR_METRICS_TOKEN = ""
    assert _scrape(Client(), HTTP_AUTHORIZATION="Bearer ").status_code == 302
