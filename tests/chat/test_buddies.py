"""Buddy matching with the database: proposing, accepting, declining, unmatching, blocking."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from chat.models import Block, BuddyMatch, BuddyProfile, InterestCategory, MatchState
from chat.services import block_create
from chat.services_buddies import match_accept, match_decline, match_end, matching_run
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def profile(user, *, wanted=1, interests=("Gaming",), **fields):
    created = BuddyProfile.objects.create(
        user=user, support="listening", buddies_wanted=wanted, **fields
    )
    created.interests.set(InterestCategory.objects.filter(name__in=interests))
    return created


@pytest.fixture
def pair(member, other_member):
    profile(member)
    profile(other_member)
    matching_run()
    return BuddyMatch.objects.get()


def test_interest_categories_come_ready_for_staff_to_edit():
    assert InterestCategory.objects.filter(name="Arts and entertainment").exists()


def test_matching_proposes_a_pair_that_neither_has_accepted_yet(pair, member):
    assert pair.state == MatchState.PROPOSED and pair.room is None
    assert {pair.first, pair.second} == {member, pair.other(member)}


def test_the_chat_opens_only_when_both_accept(pair, member, other_member):
    match_accept(match=pair, user=member)
    pair.refresh_from_db()
    assert pair.state == MatchState.PROPOSED and pair.room is None
    match_accept(match=pair, user=other_member)
    pair.refresh_from_db()
    assert pair.state == MatchState.ACTIVE
    assert set(pair.room.memberships.values_list("user", flat=True)) == {member.pk, other_member.pk}


def test_a_declined_pair_is_never_proposed_again(pair, member):
    match_decline(match=pair, user=member)
    assert matching_run() == 0
    assert BuddyMatch.objects.get().state == MatchState.DECLINED


def test_unmatching_ends_the_chat_and_the_pair_is_not_proposed_again(pair, member, other_member):
    match_accept(match=pair, user=member)
    match_accept(match=pair, user=other_member)
    match_end(match=pair, user=other_member)
    pair.refresh_from_db()
    assert pair.state == MatchState.ENDED and not pair.room.is_open
    assert matching_run() == 0


def test_blocking_ends_a_match_and_blocks_any_new_one(pair, member, other_member):
    block_create(blocker=member, blocked=other_member)
    assert BuddyMatch.objects.get().state == MatchState.DECLINED
    BuddyMatch.objects.all().delete()
    assert matching_run() == 0  # the block alone keeps them apart


def test_a_blocked_member_is_never_proposed(member, other_member):
    profile(member)
    profile(other_member)
    Block.objects.create(blocker=other_member, blocked=member)
    assert matching_run() == 0


def test_the_age_gap_and_minors_rules_hold_with_real_birth_years(member, other_member):
    this_year = timezone.now().year
    member.birth_year, other_member.birth_year = this_year - 17, this_year - 19
    member.save()
    other_member.save()
    profile(member)
    profile(other_member)
    assert matching_run() == 0


def test_nobody_is_proposed_more_than_three_buddies(member):
    profile(member, wanted=3)
    others = [UserFactory() for _ in range(5)]
    for other in others:
        profile(other, wanted=1)
    for index, other in enumerate(others):  # keep the others apart: all want the member
        for later in others[index + 1 :]:
            Block.objects.create(blocker=other, blocked=later)
    assert matching_run() == 3
    mine = BuddyMatch.objects.filter(first=member) | BuddyMatch.objects.filter(second=member)
    assert mine.count() == 3


def test_a_fourth_buddy_cannot_be_accepted(member):
    matches = [
        BuddyMatch.objects.create(first=member, second=UserFactory(), score=0.5) for _ in range(4)
    ]
    for match in matches[:3]:
        match_accept(match=match, user=match.other(member))
        match_accept(match=match, user=member)
    with pytest.raises(PermissionDenied, match="the most at one time"):
        match_accept(match=matches[3], user=member)
    assert BuddyMatch.objects.filter(state=MatchState.ACTIVE).count() == 3


def test_only_the_two_members_can_act_on_their_match(pair):
    with pytest.raises(PermissionDenied):
        match_accept(match=pair, user=UserFactory())


def test_the_command_runs_matching(member, other_member, capsys):
    profile(member)
    profile(other_member)
    call_command("buddy_match")
    assert "Proposed 1 buddy pairs" in capsys.readouterr().out
