"""Members' feedback survey: answering it, and when to offer it."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from selfcare.models import FeedbackResponse

FEEDBACK_TEXT_MAX = 2000
OFFER_SESSION_KEY = "selfcare_feedback_offer"


def feedback_submit(*, member, like: str, dislike: str, change: str, supported, community):
    """Keep one answered survey, with the kind of the member's organisation, not its name."""
    organisation = member.organisation
    return FeedbackResponse.objects.create(
        member=member,
        organisation_kind=organisation.kind if organisation else "",
        like=like.strip(), dislike=dislike.strip(), change=change.strip(),
        supported=supported, community=community,
    )  # fmt: skip


def feedback_offer_due(request) -> bool:
    """Offer the survey to a member of HARBOUR_SELFCARE_FEEDBACK_AFTER_DAYS or more who
    has not answered it nor said "not now". Decided once a session, so pages stay cheap."""
    user = request.user
    if getattr(user, "role", None) != "member":
        return False
    wait = timedelta(days=settings.HARBOUR_SELFCARE_FEEDBACK_AFTER_DAYS)
    if timezone.now() - user.date_joined < wait:
        return False  # no query, and nothing written to the session
    due = request.session.get(OFFER_SESSION_KEY)
    if due is None:
        due = not FeedbackResponse.objects.filter(member=user).exists()
        request.session[OFFER_SESSION_KEY] = due
    return due


def feedback_offer_close(request) -> None:
    """Stop offering the survey in this session (answered, or "not now")."""
    request.session[OFFER_SESSION_KEY] = False
