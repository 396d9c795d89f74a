"""Small template helpers for the forum: kind words for each state."""

from django import template

from community.models import ContentWarning
from moderation.states import ModerationState

register = template.Library()

STATUS_WORDS = {
    ModerationState.PENDING: (
        "Being checked. Only you can see this for now. This usually takes a few seconds: "
        "reload the page to see it go up."
    ),
    ModerationState.HELD: (
        "Being checked. A Wall Guide is looking at this. Only you can see it until they "
        "have. This is usually quick, and it isn't a sign you've done anything wrong."
    ),
    ModerationState.ESCALATED: (
        "A Wall Guide is looking at this and will be in touch with you here. "
        "If you might be in danger now, please use Get help now."
    ),
    ModerationState.REMOVED: "A Wall Guide removed this. Only you can see it.",
}

SHORT_STATUS = {
    ModerationState.PENDING: "Being checked",
    ModerationState.PUBLISHED: "Published",
    ModerationState.HELD: "With a Wall Guide",
    ModerationState.ESCALATED: "With a Wall Guide",
    ModerationState.REMOVED: "Removed",
}


@register.filter
def status_words(state):
    return STATUS_WORDS.get(state, "")


@register.filter
def short_status(state):
    return SHORT_STATUS.get(state, "")


@register.filter
def warning_label(value):
    return ContentWarning(value).label if value in ContentWarning.values else ""
