"""Erasure: deleting a member's private data and their traces around others.

Deleted: email addresses and second factors, safety details, consents, journal,
safety plan, self-assessment results, course answers, buddy profile, messages with
the Wall Guides, hugs, bookmarks, follows, mutes, blocks, notifications, exports and
pauses. Open buddy matches end. Words in appeals and reports are emptied; the
kept guides' labels lose the member's text.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q

from accounts.models import Consent, SafetyDetails
from chat.models import Block, BuddyMatch, BuddyProfile, MatchState, RoomMember
from chat.services_buddies import match_decline, match_end
from community.models import (
    Bookmark,
    Hug,
    MemberPreferences,
    Mute,
    Notification,
    TalkaboutMembership,
    ThreadFollow,
)
from community.services.engagement import hug_delete
from moderation.models import Appeal, GuideLabel, GuideMessage, Report
from privacy.models import AccountPause, DataExport
from selfcare.models import (
    ArticleFeedback,
    CourseProgress,
    ExerciseAnswer,
    FeedbackResponse,
    JournalEntry,
    SafetyPlan,
    SelfAssessment,
)

# Rows that are the member's alone, deleted outright: (model, field naming the member).
OWN_ROWS = [
    (EmailAddress, "user"),
    (Authenticator, "user"),
    (SafetyDetails, "user"),
    (Consent, "user"),
    (JournalEntry, "member"),
    (SafetyPlan, "member"),
    (SelfAssessment, "member"),
    (ExerciseAnswer, "member"),
    (CourseProgress, "member"),
    (ArticleFeedback, "member"),
    (BuddyProfile, "user"),
    (GuideMessage, "member"),
    (Bookmark, "user"),
    (ThreadFollow, "user"),
    (Notification, "recipient"),
    (MemberPreferences, "user"),
    (TalkaboutMembership, "user"),
    (RoomMember, "user"),
    (DataExport, "member"),
    (AccountPause, "member"),
]


def private_data_delete(*, member) -> None:
    """Delete or empty everything private to `member` (see the module docstring)."""
    for hug in Hug.objects.filter(user=member).select_related("post"):
        hug_delete(user=member, post=hug.post)  # keeps the posts' hug counts right
    _buddy_matches_end(member)
    for model, field in OWN_ROWS:
        model.objects.filter(**{field: member}).delete()
    Mute.objects.filter(Q(muter=member) | Q(muted=member)).delete()
    Block.objects.filter(Q(blocker=member) | Q(blocked=member)).delete()
    Appeal.objects.filter(member=member).update(text="")
    Report.objects.filter(reporter=member).update(text="")
    GuideLabel.objects.filter(author=member).update(text="")
    FeedbackResponse.objects.filter(member=member).update(member=None)


def _buddy_matches_end(member) -> None:
    matches = BuddyMatch.objects.filter(Q(first=member) | Q(second=member))
    for match in matches.filter(state=MatchState.ACTIVE):
        match_end(match=match, user=member)
    for match in matches.filter(state=MatchState.PROPOSED):
        match_decline(match=match, user=member)
