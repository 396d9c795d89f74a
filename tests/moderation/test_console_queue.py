"""The review queue page: order, what each row shows, SLA, filters, pages, queries."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.services.bricks import brick_create
from community.services.threads import thread_create
from moderation.models import CasePriority, ReviewCase
from moderation.services import case_open_for
from tests.auth import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _thread(member, talkabout, title, body="words"):
    post = thread_create(author=member, talkabout=talkabout, title=title, body=body).posts.get()
    return case_open_for(post)


def _rows(response):
    return [case.pk for case in response.context["cases"]]


@pytest.mark.portable
def test_the_queue_lists_urgent_first_with_kind_location_labels_and_sla(
    client_for, guide, member, talkabout
):
    normal = _thread(member, talkabout, "Normal one")
    urgent = _thread(member, talkabout, "Urgent one")
    ReviewCase.objects.filter(pk=urgent.pk).update(
        priority=CasePriority.URGENT,
        opened_at=timezone.now() - timedelta(minutes=7),
        rules=[{"rule": "crisis_lexicon", "label": "suicidal_ideation", "start": 0, "end": 3}],
    )
    response = client_for(guide).get(reverse("case_list"))
    assert response.status_code == 200
    assert _rows(response) == [urgent.pk, normal.pk]
    page = response.content.decode()
    assert "Post in Low mood" in page and "harassment" in page and "crisis_lexicon" in page
    assert "2 min overdue" in page  # urgent: 5 minutes, opened 7 ago
    assert "3 h 59 min left" in page  # normal: 4 hours


def test_the_sla_comes_from_settings(client_for, guide, member, talkabout, settings):
    settings.HARBOUR_SLA_SECONDS = {"urgent": 60, "high": 120, "normal": 600}
    _thread(member, talkabout, "One")
    assert "9 min left" in client_for(guide).get(reverse("case_list")).content.decode()


@pytest.mark.portable
def test_filters_by_priority_kind_label_claimed_and_mine(
    client_for, guide, lead, member, talkabout, claimed
):
    post_case = _thread(member, talkabout, "A post")
    brick = brick_create(author=member, body="A brick", colour="sea")
    brick_case = case_open_for(brick)
    ReviewCase.objects.filter(pk=brick_case.pk).update(
        priority=CasePriority.HIGH, labels=["personal_info"]
    )
    claimed(brick, lead)
    client = client_for(guide)

    def listed(**query):
        return _rows(client.get(reverse("case_list"), query))

    assert listed(priority=CasePriority.HIGH) == [brick_case.pk]
    assert listed(kind="community.post") == [post_case.pk]
    assert listed(kind="community.brick") == [brick_case.pk]
    assert listed(label="personal_info") == [brick_case.pk]
    assert listed(claimed="yes") == [brick_case.pk]
    assert listed(claimed="no") == [post_case.pk]
    assert listed(mine="on") == []
    assert listed(kind="no.such") == [brick_case.pk, post_case.pk]  # unknown: ignored


def test_the_queue_is_paginated_and_keeps_its_filters(
    client_for, guide, member, talkabout, settings
):
    settings.HARBOUR_CASE_QUEUE_PAGE_SIZE = 2
    for n in range(5):
        _thread(member, talkabout, f"Thread {n}")
    client = client_for(guide)
    first = client.get(reverse("case_list"), {"kind": "community.post"})
    assert len(_rows(first)) == 2
    assert "kind=community.post&amp;page=2" in first.content.decode()
    last = client.get(reverse("case_list"), {"kind": "community.post", "page": 3})
    assert len(_rows(last)) == 1


def test_the_queue_page_costs_a_fixed_number_of_queries(
    client_for, guide, member, talkabout, django_assert_max_num_queries
):
    for n in range(12):
        _thread(UserFactory(), talkabout, f"Thread {n}")  # members may start 5 an hour
    for n in range(8):
        brick_create(author=member, body=f"Brick {n}", colour="sea")
    client = client_for(guide)
    client.get(reverse("case_list"))  # warm the content-type cache
    # the count, the cases, one per kind of item, the replies waiting, the guide's notices
    with django_assert_max_num_queries(7):
        response = client.get(reverse("case_list"))
    assert len(_rows(response)) == 20


@pytest.mark.parametrize("who", ["member", "org_admin", "staff"])
def test_only_guides_and_leads_see_the_console(request, who, held_post):
    client = Client()
    sign_in(client, request.getfixturevalue(who))
    assert client.get(reverse("case_list")).status_code == 404
    case = case_open_for(held_post)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 404
    assert client.post(reverse("case_next")).status_code == 404


def test_next_case_opens_the_claimed_case_or_says_nothing_waits(client_for, guide, held_post):
    client = client_for(guide)
    response = client.post(reverse("case_next"))
    case = case_open_for(held_post)
    assert response["Location"] == reverse("case_detail", args=[case.pk])
    case.refresh_from_db()
    assert case.claimed_by == guide
    response = client.post(reverse("case_next"), follow=True)
    assert "Nothing is waiting" in response.content.decode()
