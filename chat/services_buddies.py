"""Buddy matching, from waiting profiles to a shared room. Nothing is automatic: both
members accept. Either may decline or unmatch at any time; the other is not told why,
and the pair is never proposed again."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.roles import Role
from chat.matching import Waiting, propose
from chat.models import Block, BuddyMatch, BuddyProfile, MatchState, Room, RoomKind, RoomMember
from chat.services import room_close

OPEN_STATES = [MatchState.PROPOSED, MatchState.ACTIVE]


def _open_counts() -> dict[int, int]:
    counts: dict[int, int] = {}
    for side in ("first", "second"):
        rows = BuddyMatch.objects.filter(state__in=OPEN_STATES).values(side).annotate(n=Count("pk"))
        for row in rows:
            counts[row[side]] = counts.get(row[side], 0) + row["n"]
    return counts


def _utc_offset_minutes(name: str, now) -> int:
    try:
        offset = now.astimezone(ZoneInfo(name)).utcoffset()
    except (KeyError, ValueError):
        return 0
    return int(offset.total_seconds() // 60)


def waiting_members(now) -> list[Waiting]:
    """Active profiles of active members with a place for another buddy."""
    counts = _open_counts()
    profiles = BuddyProfile.objects.filter(
        is_active=True, user__is_active=True, user__role=Role.MEMBER, user__birth_year__isnull=False
    ).select_related("user")
    interests: dict[int, int] = {}
    for profile_id, category_id in BuddyProfile.interests.through.objects.values_list(
        "buddyprofile_id", "interestcategory_id"
    ):
        interests[profile_id] = interests.get(profile_id, 0) | (1 << category_id)
    offsets: dict[str, int] = {}
    waiting = []
    for profile in profiles.iterator(chunk_size=5000):
        places = min(profile.buddies_wanted, settings.HARBOUR_BUDDY_MAX) - counts.get(
            profile.user_id, 0
        )
        if places <= 0:
            continue
        zone = profile.time_zone
        if zone not in offsets:
            offsets[zone] = _utc_offset_minutes(zone, now)
        waiting.append(
            Waiting(
                id=profile.user_id,
                age=now.year - profile.user.birth_year,
                interests=interests.get(profile.pk, 0),
                utc_offset_minutes=offsets[zone],
                support=profile.support,
                age_min=profile.age_min,
                age_max=profile.age_max,
                places=places,
                diagnosis=profile.diagnosis if profile.match_on_diagnosis else "",
            )  # fmt: skip
        )
    return waiting


def excluded_pairs() -> set[frozenset]:
    """Pairs never to propose: any earlier match (whatever became of it) and any block."""
    pairs = {frozenset(pair) for pair in BuddyMatch.objects.values_list("first", "second")}
    pairs |= {frozenset(pair) for pair in Block.objects.values_list("blocker", "blocked")}
    return pairs


def matching_run(*, now=None) -> int:
    """Propose new pairs among waiting members; returns how many were proposed."""
    now = now or timezone.now()
    pairs = propose(
        waiting_members(now), excluded_pairs(), max_gap=settings.HARBOUR_BUDDY_MAX_AGE_GAP
    )
    BuddyMatch.objects.bulk_create(
        [
            BuddyMatch(first_id=a, second_id=b, score=value, proposed_at=now)
            for a, b, value in pairs
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return len(pairs)


def _match_locked(match, user) -> BuddyMatch:
    match = BuddyMatch.objects.select_for_update().get(pk=match.pk)
    if user.pk not in (match.first_id, match.second_id):
        raise PermissionDenied("This isn't your match.")
    return match


def _active_count(user_id) -> int:
    return BuddyMatch.objects.filter(
        Q(first=user_id) | Q(second=user_id), state=MatchState.ACTIVE
    ).count()


@transaction.atomic
def match_accept(*, match: BuddyMatch, user) -> BuddyMatch:
    """Accept a proposed buddy. When both have, their buddy chat opens."""
    match = _match_locked(match, user)
    if match.state != MatchState.PROPOSED:
        raise PermissionDenied("This suggestion is no longer available.")
    if _active_count(user.pk) >= settings.HARBOUR_BUDDY_MAX:
        raise PermissionDenied(
            f"You have {settings.HARBOUR_BUDDY_MAX} buddies already, the most at one time."
        )
    side = "first_accepted" if user.pk == match.first_id else "second_accepted"
    setattr(match, side, True)
    if match.first_accepted and match.second_accepted:
        _match_start(match)
    match.save()
    return match


def _match_start(match):
    blocked = Block.objects.filter(
        Q(blocker=match.first_id, blocked=match.second_id)
        | Q(blocker=match.second_id, blocked=match.first_id)
    ).exists()
    full = any(
        _active_count(user_id) >= settings.HARBOUR_BUDDY_MAX
        for user_id in (match.first_id, match.second_id)
    )
    if blocked or full:  # since it was proposed; neither is told which
        match.state, match.ended_at = MatchState.DECLINED, timezone.now()
        return
    room = Room.objects.create(kind=RoomKind.BUDDY)
    RoomMember.objects.bulk_create(
        [
            RoomMember(room=room, user_id=match.first_id),
            RoomMember(room=room, user_id=match.second_id),
        ]
    )
    match.room, match.state, match.started_at = room, MatchState.ACTIVE, timezone.now()


@transaction.atomic
def match_decline(*, match: BuddyMatch, user) -> BuddyMatch:
    """Decline a suggestion. The other member only sees that it is no longer available."""
    match = _match_locked(match, user)
    if match.state == MatchState.PROPOSED:
        match.state, match.ended_at = MatchState.DECLINED, timezone.now()
        match.save(update_fields=["state", "ended_at"])
    return match


@transaction.atomic
def match_end(*, match: BuddyMatch, user) -> BuddyMatch:
    """Unmatch: the buddy chat ends for both; neither is matched with the other again."""
    match = _match_locked(match, user)
    if match.state == MatchState.ACTIVE:
        match.state, match.ended_at = MatchState.ENDED, timezone.now()
        match.save(update_fields=["state", "ended_at"])
        if match.room_id:
            room_close(room=match.room)
    return match


def matches_for(user) -> list[BuddyMatch]:
    """A member's suggestions and buddies, newest first."""
    rows = BuddyMatch.objects.filter(Q(first=user) | Q(second=user), state__in=OPEN_STATES)
    return list(rows.select_related("first", "second", "room").order_by("-proposed_at"))


def buddy_profile_save(*, user, interests, **fields) -> BuddyProfile:
    """Opt in to buddy matching, or change what the member is looking for. Turning
    matching on a shared diagnosis off forgets the diagnosis."""
    if not fields.get("match_on_diagnosis"):
        fields["diagnosis"] = ""
    fields["updated_at"] = timezone.now()
    with transaction.atomic():
        profile, _ = BuddyProfile.objects.update_or_create(user=user, defaults=fields)
        profile.interests.set(interests)
    return profile
