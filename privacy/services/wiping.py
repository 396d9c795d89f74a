"""Taking the words out of posts, Bricks and messages while keeping their rows, so
cases, appeals, sequence numbers and others' replies still have something to point at.
Used by erasure and by the retention task."""

from chat.models import BuddyCheckIn, ChatMessage
from community.models import Brick, Post, Thread
from selfcare.models import SelfAssessmentAlert

REMOVED_TITLE = "Removed thread"

# Model -> the fields that hold what the member wrote, and what they become. The first
# field is the marker: an item whose first field is already empty has been wiped.
WIPE_FIELDS = {
    Post: {"body": "", "public_html": "", "public_text": "", "search_vector": None},
    Brick: {"body": "", "public_body": ""},
    ChatMessage: {"body": "", "public_body": ""},
    BuddyCheckIn: {"answer": ""},
    SelfAssessmentAlert: {"note": ""},
}


def marker_field(model) -> str:
    return next(iter(WIPE_FIELDS[model]))


def items_wipe(model, queryset) -> int:
    """Empty the written fields of every item in `queryset` (of `model`); opening
    posts take their thread's title with them. Returns how many were wiped."""
    queryset = queryset.exclude(**{marker_field(model): ""})
    if model is Post:
        threads = queryset.filter(is_opening=True).values("thread_id")
        Thread.objects.filter(pk__in=threads).update(title=REMOVED_TITLE, public_title="")
    return queryset.update(**WIPE_FIELDS[model])
