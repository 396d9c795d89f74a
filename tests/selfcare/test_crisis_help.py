"""Crisis help: shipped lines, the visitor's country, linked from every page."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from selfcare import crisis_fallback
from selfcare.models import CrisisLine
from selfcare.selectors import SHIPPED_COUNTRIES
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_national_lines_ship_for_each_launch_country():
    for country in SHIPPED_COUNTRIES:
        lines = CrisisLine.objects.filter(country=country, organisation=None, is_active=True)
        assert lines.filter(is_emergency=True).count() == 1, country
        assert lines.filter(is_emergency=False).count() >= 2, country


def test_a_visitor_sees_every_country_until_they_choose(client):
    response = client.get(reverse("crisis_help"))
    assert b"Samaritans" in response.content and b"988" in response.content


def test_a_visitor_choosing_a_country_sees_its_lines_and_the_choice_is_remembered(client):
    response = client.get(reverse("crisis_help"), {"country": "NZ"})
    assert b"1737" in response.content and b"Samaritans" not in response.content
    again = client.get(reverse("crisis_help"))
    assert b"1737" in again.content and b"Samaritans" not in again.content


def test_a_member_sees_their_own_countrys_lines(client):
    client.force_login(UserFactory(country="AU"))
    response = client.get(reverse("crisis_help"))
    assert b"13 11 14" in response.content
    assert b"116 123" not in response.content


def test_an_unknown_country_falls_back_to_every_line(client):
    response = client.get(reverse("crisis_help"), {"country": "ZZ"})
    assert response.status_code == 200
    assert b"Samaritans" in response.content and b"Lifeline" in response.content


def test_the_emergency_number_comes_first(client):
    response = client.get(reverse("crisis_help"), {"country": "GB"})
    html = response.content.decode()
    assert html.index("Call 999") < html.index("Call 116 123")


def test_an_organisations_own_line_is_shown_to_its_members_only(client):
    org = OrganisationFactory()
    CrisisLine.objects.create(
        country="GB", organisation=org, name="Campus Night Line", description="Out of hours."
    )
    client.force_login(UserFactory(country="GB", organisation=org))
    assert b"Campus Night Line" in client.get(reverse("crisis_help")).content
    client.force_login(UserFactory(country="GB"))
    assert b"Campus Night Line" not in client.get(reverse("crisis_help")).content


@pytest.mark.parametrize("url_name", ["home", "account_login", "account_signup", "policy_privacy"])
def test_every_page_links_to_crisis_help(client, url_name):
    response = client.get(reverse(url_name))
    assert f'href="{reverse("crisis_help")}"'.encode() in response.content
    assert b"Get help now" in response.content


def test_a_member_can_choose_to_see_every_country(client):
    client.force_login(UserFactory(country="AU"))
    client.get(reverse("crisis_help"), {"country": ""})
    response = client.get(reverse("crisis_help"))
    assert b"13 11 14" in response.content and b"116 123" in response.content


DEAD_REDIS = {
    "default": {
        "BACKEND": "config.cache.SharedPoolRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    }
}


def test_with_redis_down_a_signed_in_member_still_gets_every_line():
    member = Client(raise_request_exception=False)  # as a server: the failure becomes a 500
    member.force_login(UserFactory(country="AU"))
    with override_settings(CACHES=DEAD_REDIS):
        failed = member.get(reverse("talkabout_list"))  # Redis really is down
        response = member.get(reverse("crisis_help"))
    # Any other page that fails points to help.
    assert failed.status_code == 500
    assert f'href="{reverse("crisis_help")}"' in failed.content.decode()
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "call your emergency number now" in page
    assert "13 11 14" in page and "Samaritans" in page and "988" in page
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_with_the_database_down_too_the_page_still_says_what_to_do(monkeypatch):
    def unreachable(**kwargs):
        raise ConnectionError("the database is down")

    monkeypatch.setattr(crisis_fallback, "crisis_lines_for", unreachable)
    visitor = Client(raise_request_exception=False)
    with override_settings(CACHES=DEAD_REDIS):
        visitor.get(reverse("crisis_help"), {"country": "GB"})  # choosing saves a session
        response = visitor.get(reverse("crisis_help"), {"country": "GB"})
    assert response.status_code == 200
    assert "999 or 112 in the UK" in " ".join(response.content.decode().split())
