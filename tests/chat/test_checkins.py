"""The private check-in a week into a match: asked once, answered privately, and a
worrying answer held for a Wall Guide as a chat message would be."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chat.models import BuddyCheckIn, BuddyMatch, MatchState
from chat.services_buddies import match_accept
from chat.services_checkins import checkins_ask
from chat.tasks import buddy_checkins_ask
from moderation.models import ReviewCase
from moderation.states import ModerationState
from tests.chat.test_buddy_pages import pair  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def buddies(pair, member, other_member):  # noqa: F811
    for user in (member, other_member):
        match_accept(match=pair, user=user)
    BuddyMatch.objects.filter(pk=pair.pk).update(started_at=timezone.now() - timedelta(days=8))
    return pair


def test_each_buddy_is_asked_once_a_week_into_the_match(buddies, member):
    assert buddy_checkins_ask.delay().get() == 2
    assert checkins_ask() == 0
    assert BuddyCheckIn.objects.filter(author=member, answered_at=None).count() == 1


def test_a_match_younger_than_a_week_is_not_asked_yet(buddies):
    BuddyMatch.objects.filter(pk=buddies.pk).update(started_at=timezone.now())
    assert checkins_ask() == 0


def test_an_ended_match_is_not_asked(buddies):
    BuddyMatch.objects.filter(pk=buddies.pk).update(state=MatchState.ENDED)
    assert checkins_ask() == 0


def _answer(client, member, text):
    checkins_ask()
    checkin = BuddyCheckIn.objects.get(author=member)
    page = client.get(reverse("buddy_home")).content.decode()
    assert reverse("buddy_checkin", args=[checkin.pk]) in page
    response = client.post(reverse("buddy_checkin", args=[checkin.pk]), {"answer": text})
    assert response.status_code == 302
    checkin.refresh_from_db()
    return checkin


def test_a_reassuring_answer_is_kept_privately_and_opens_no_case(
    settings, client_for, member, buddies
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    checkin = _answer(client_for(member), member, "It's going really well, thanks.")
    assert checkin.state == ModerationState.PUBLISHED and not checkin.is_public
    assert not ReviewCase.objects.exists()


def test_a_worrying_answer_opens_an_urgent_case(settings, client_for, member, buddies):
    settings.HARBOUR_FAKE_RISK_DECISION = "escalate"
    checkin = _answer(client_for(member), member, "They keep pushing me to hurt myself.")
    assert checkin.state == ModerationState.ESCALATED
    case = ReviewCase.objects.get()
    assert case.item == checkin and case.get_priority_display() == "Urgent"


def test_a_failed_check_holds_the_answer_for_a_guide(settings, client_for, member, buddies):
    settings.HARBOUR_FAKE_RISK_DECISION = "fail"
    checkin = _answer(client_for(member), member, "Not sure how I feel about it.")
    assert checkin.state == ModerationState.HELD and ReviewCase.objects.get().item == checkin


def test_a_check_in_is_answered_once_and_only_by_its_member(
    settings, client_for, member, other_member, buddies
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    checkin = _answer(client_for(member), member, "Fine.")
    url = reverse("buddy_checkin", args=[checkin.pk])
    assert client_for(member).post(url, {"answer": "Again"}).status_code == 404
    theirs = BuddyCheckIn.objects.get(author=other_member)
    url = reverse("buddy_checkin", args=[theirs.pk])
    assert client_for(member).post(url, {"answer": "Not mine"}).status_code == 404
