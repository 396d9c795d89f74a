"""The private check-in a week into a buddy match: asking, and hearing the answer.

The answer goes through the same check as a chat message (chat.delivery runs the
rules and classifier in the web process, failing closed): nobody else ever reads a
reassuring answer; a worrying one is held and opens a case for a Wall Guide.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from chat.models import MESSAGE_MAX, BuddyCheckIn, BuddyMatch, MatchState
from chat.services import MessageRefused
from moderation.pipeline import check_unavailable, content_hash, verdict_apply
from moderation.states import ModerationState


def checkins_ask(*, now=None) -> int:
    """Ask each buddy of every match active for HARBOUR_BUDDY_CHECKIN_DAYS how it is
    going, once per match; returns how many were asked."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.HARBOUR_BUDDY_CHECKIN_DAYS)
    due = BuddyMatch.objects.filter(state=MatchState.ACTIVE, started_at__lte=since)
    asked = set(BuddyCheckIn.objects.filter(match__in=due).values_list("match_id", "author_id"))
    rows = [
        BuddyCheckIn(match=match, author_id=user_id, asked_at=now, state=ModerationState.PENDING)
        for match in due.only("pk", "first_id", "second_id")
        for user_id in (match.first_id, match.second_id)
        if (match.pk, user_id) not in asked
    ]
    BuddyCheckIn.objects.bulk_create(rows, ignore_conflicts=True)  # a concurrent run's rows
    return len(rows)


def checkins_waiting(user) -> list[BuddyCheckIn]:
    """The member's check-ins not yet answered, for matches still going."""
    return list(
        BuddyCheckIn.objects.filter(
            author=user, answered_at__isnull=True, match__state=MatchState.ACTIVE
        ).select_related("match__first", "match__second")
    )


@transaction.atomic
def checkin_answer(*, checkin: BuddyCheckIn, user, text: str) -> BuddyCheckIn:
    """Store the member's answer, PENDING for the check. Raises PermissionDenied for
    someone else's check-in or one already answered, MessageRefused for bad text."""
    checkin = BuddyCheckIn.objects.select_for_update().get(pk=checkin.pk)
    if checkin.author_id != user.pk:
        raise PermissionDenied("This check-in isn't yours.")
    if checkin.answered_at is not None:
        raise PermissionDenied("You've answered this check-in already. Thank you.")
    if not text.strip() or len(text) > MESSAGE_MAX:
        raise MessageRefused(f"Please write between 1 and {MESSAGE_MAX:,} characters.")
    checkin.answer, checkin.answered_at = text, timezone.now()
    checkin.state, checkin.pending_since = ModerationState.PENDING, timezone.now()
    checkin.save(update_fields=["answer", "answered_at", "state", "pending_since"])
    return checkin


def checkin_decide(*, checkin: BuddyCheckIn, verdict=None, latency_ms=0.0, failure=""):
    """Apply the check's verdict to the answer, or hold it when the check failed."""
    if verdict is not None:
        verdict_apply(checkin, verdict, digest=content_hash(checkin), latency_ms=latency_ms)
    else:
        check_unavailable(checkin, why=failure or "no verdict")
    return BuddyCheckIn.objects.get(pk=checkin.pk)
