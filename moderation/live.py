"""What every open guide console hears, live: a case opened, claimed, released,
raised or decided. Only the case number and what happened, never what a member
wrote: the console fetches the rows it shows itself, through the usual access checks.

Services call `console_event_on_commit`, so nothing is announced before the
transaction that did it has committed (and nothing at all if it rolled back).
Cases the automatic check opens are announced by `console_cases_announce`, a beat
task that sends what was opened since it last looked.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

from moderation.models import CaseState, ReviewCase

log = logging.getLogger(__name__)

CONSOLE_GROUP = "moderation-console"
OPENED, CLAIMED, RELEASED, RAISED, DECIDED = "opened", "claimed", "released", "raised", "decided"
_ANNOUNCED_UPTO = "moderation:console:announced-upto"


def console_event_send(*, event: str, case_id: int) -> None:
    """Tell every open console, now; use `console_event_on_commit` inside a transaction."""
    message = {"type": "console.event", "event": event, "case": case_id}
    async_to_sync(get_channel_layer().group_send)(CONSOLE_GROUP, message)


def console_event_on_commit(*, event: str, case) -> None:
    """Tell every open console once the current transaction commits."""
    case_id = case.pk
    transaction.on_commit(lambda: console_event_send(event=event, case_id=case_id), robust=True)


def console_cases_announce() -> int:
    """Announce the cases opened since the last call (by id, which only grows).
    The first call after a cache flush starts from the newest case: a console
    that missed something still shows it on its next refresh."""
    upto = cache.get(_ANNOUNCED_UPTO)
    if upto is None:
        newest = ReviewCase.objects.aggregate(newest=Max("pk"))["newest"] or 0
        cache.set(_ANNOUNCED_UPTO, newest, timeout=None)
        return 0
    since = ReviewCase.objects.filter(pk__gt=upto).order_by("pk").values_list("pk", "state")
    since = list(since)
    opened = [case_id for case_id, state in since if state == CaseState.OPEN]
    for case_id in opened:
        console_event_send(event=OPENED, case_id=case_id)
    if since:
        cache.set(_ANNOUNCED_UPTO, since[-1][0], timeout=None)
    return len(opened)
