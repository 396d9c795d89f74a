"""The buddy pages: opting in (the diagnosis switch only after its risks are read),
suggestions accepted or declined, a buddy unmatched, and nothing said to the other."""

import pytest
from django.test import Client
from django.urls import reverse

from chat.models import BuddyMatch, BuddyProfile, InterestCategory, MatchState
from chat.services_buddies import matching_run
from tests.auth import sign_in
from tests.chat.test_buddies import profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "is_active": "on", "time_zone": "Europe/London", "age_min": "20", "age_max": "30",
    "support": "listening", "buddies_wanted": "2",
}  # fmt: skip


def signed_in(user) -> Client:
    """A client of the member's own: several members act in one test here."""
    client = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def pair(member, other_member):
    profile(member)
    profile(other_member)
    matching_run()
    return BuddyMatch.objects.get()


def test_a_member_opts_in_with_interests_and_how_many_buddies(member):
    gaming = InterestCategory.objects.get(name="Gaming")
    response = signed_in(member).post(reverse("buddy_profile"), {**FORM, "interests": [gaming.pk]})
    assert response["Location"] == reverse("buddy_home")
    saved = BuddyProfile.objects.get(user=member)
    assert saved.buddies_wanted == 2 and list(saved.interests.all()) == [gaming]
    assert not saved.match_on_diagnosis


def test_the_profile_page_shows_the_diagnosis_risks_before_the_switch(member):
    content = signed_in(member).get(reverse("buddy_profile")).content.decode()
    risks, switch = content.index("comparing yourselves"), content.index("match_on_diagnosis")
    assert risks < switch


def test_diagnosis_matching_stays_off_until_the_risks_are_acknowledged(member):
    client = signed_in(member)
    asked = {**FORM, "match_on_diagnosis": "on", "diagnosis": "anxiety"}
    response = client.post(reverse("buddy_profile"), asked)
    assert response.status_code == 400 and b"Please read the risks" in response.content
    assert not BuddyProfile.objects.filter(user=member).exists()
    client.post(reverse("buddy_profile"), {**asked, "risks_understood": "on"})
    assert BuddyProfile.objects.get(user=member).match_on_diagnosis


def test_turning_diagnosis_matching_off_forgets_the_diagnosis(member):
    profile(member, match_on_diagnosis=True, diagnosis="anxiety")
    signed_in(member).post(reverse("buddy_profile"), FORM)
    assert BuddyProfile.objects.get(user=member).diagnosis == ""


def test_more_than_three_buddies_cannot_be_asked_for(member):
    response = signed_in(member).post(reverse("buddy_profile"), {**FORM, "buddies_wanted": "4"})
    assert response.status_code == 400


def test_both_accepting_on_the_page_opens_the_chat(member, other_member, pair):
    signed_in(member).post(reverse("buddy_match_accept", args=[pair.pk]))
    signed_in(other_member).post(reverse("buddy_match_accept", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.state == MatchState.ACTIVE
    page = signed_in(member).get(reverse("buddy_home")).content.decode()
    assert reverse("chat_room", args=[pair.room_id]) in page


def test_a_declined_suggestion_vanishes_for_the_other_without_a_reason(member, other_member, pair):
    signed_in(member).post(reverse("buddy_match_decline", args=[pair.pk]))
    page = signed_in(other_member).get(reverse("buddy_home")).content.decode()
    assert member.handle not in page and "declin" not in page.lower()


def test_unmatching_on_the_page_ends_the_chat(member, other_member, pair):
    for user in (member, other_member):
        signed_in(user).post(reverse("buddy_match_accept", args=[pair.pk]))
    signed_in(member).post(reverse("buddy_match_end", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.state == MatchState.ENDED and not pair.room.is_open


def test_someone_elses_match_is_not_found(pair, db):
    stranger = UserFactory(handle="dan-stork", email="dan@example.com")
    response = signed_in(stranger).post(reverse("buddy_match_decline", args=[pair.pk]))
    assert response.status_code == 404
    assert BuddyMatch.objects.get().state == MatchState.PROPOSED
