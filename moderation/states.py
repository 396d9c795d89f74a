"""The content lifecycle: states, events, and every allowed transition.

This table is DESIGN.md's, in code. Services ask `next_state` before they
change anything, so no code path can move an item along an edge that is not
here; a test walks the whole table.
"""

from django.db import models


class ModerationState(models.TextChoices):
    PENDING = "pending", "Being checked"
    PUBLISHED = "published", "Published"
    HELD = "held", "With a Wall Guide"
    ESCALATED = "escalated", "With a Wall Guide (urgent)"
    REMOVED = "removed", "Removed"
    DELETED = "deleted", "Deleted"


class Event(models.TextChoices):
    SUBMIT = "submit"
    DECIDE_PUBLISH = "decide_publish"
    DECIDE_REVIEW = "decide_review"
    DECIDE_ESCALATE = "decide_escalate"
    CHECK_UNAVAILABLE = "check_unavailable"
    RECHECK = "recheck"
    EDIT = "edit"
    RISK_REPORT = "risk_report"
    REPORT_THRESHOLD = "report_threshold"
    PULL_BACK = "pull_back"
    ESCALATE = "escalate"
    APPROVE = "approve"
    REMOVE = "remove"
    APPEAL_UPHELD = "appeal_upheld"
    DELETE = "delete"


class Actor(models.TextChoices):
    AUTHOR = "author"
    PIPELINE = "pipeline"
    MEMBER = "member"
    GUIDE = "guide"
    LEAD = "lead"


S, E, A = ModerationState, Event, Actor

# (from state, event) -> (to state, who may cause it). None: not yet submitted.
TRANSITIONS = {
    (None, E.SUBMIT): (S.PENDING, {A.AUTHOR}),
    (S.PENDING, E.DECIDE_PUBLISH): (S.PUBLISHED, {A.PIPELINE}),
    (S.PENDING, E.DECIDE_REVIEW): (S.HELD, {A.PIPELINE}),
    (S.PENDING, E.DECIDE_ESCALATE): (S.ESCALATED, {A.PIPELINE}),
    (S.PENDING, E.CHECK_UNAVAILABLE): (S.HELD, {A.PIPELINE}),
    # Held only because the check could not run: checked again once it can.
    (S.HELD, E.RECHECK): (S.PENDING, {A.PIPELINE}),
    (S.PUBLISHED, E.EDIT): (S.PENDING, {A.AUTHOR}),
    (S.PUBLISHED, E.RISK_REPORT): (S.PUBLISHED, {A.MEMBER}),
    (S.PUBLISHED, E.REPORT_THRESHOLD): (S.HELD, {A.MEMBER}),
    (S.PUBLISHED, E.PULL_BACK): (S.HELD, {A.GUIDE, A.LEAD}),
    (S.HELD, E.ESCALATE): (S.ESCALATED, {A.GUIDE, A.LEAD}),
    (S.HELD, E.APPROVE): (S.PUBLISHED, {A.GUIDE, A.LEAD}),
    (S.ESCALATED, E.APPROVE): (S.PUBLISHED, {A.GUIDE, A.LEAD}),
    (S.HELD, E.REMOVE): (S.REMOVED, {A.GUIDE, A.LEAD}),
    (S.ESCALATED, E.REMOVE): (S.REMOVED, {A.GUIDE, A.LEAD}),
    (S.REMOVED, E.APPEAL_UPHELD): (S.PUBLISHED, {A.LEAD}),
    **{(state, E.DELETE): (S.DELETED, {A.AUTHOR}) for state in S if state != S.DELETED},
}


class IllegalTransition(Exception):
    """An event that the lifecycle does not allow from the item's state, or by this actor."""


def next_state(current, event, actor) -> str:
    """The state `event` by `actor` leads to from `current`, or IllegalTransition."""
    try:
        target, actors = TRANSITIONS[(current, event)]
    except KeyError:
        raise IllegalTransition(f"{event} is not allowed from {current}") from None
    if actor not in actors:
        raise IllegalTransition(f"{actor} may not {event} from {current}")
    return target
