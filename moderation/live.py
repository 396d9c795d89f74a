"""What every open guide console hears, live: a case opened, claimed, released,
raised or decided. Only the case number and what happened, never what a member
wrote: the console fetches the rows it shows itself, through the usual access checks.

Services call `console_event_on_commit`, so nothing is announced before the
transaction that did it has committed (and nothing at all if it rolled back).
Every case is opened or raised through `moderation.pipeline.case_open`, which
announces it, whoever opened it: the automatic check, a report, a lead or a guide.
"""

import logging

from django.db import transaction

from config.layers import group_send

log = logging.getLogger(__name__)

CONSOLE_GROUP = "moderation-console"
OPENED, CLAIMED, RELEASED, RAISED, DECIDED = "opened", "claimed", "released", "raised", "decided"


def console_event_send(*, event: str, case_id: int) -> None:
    """Tell every open console, now; use `console_event_on_commit` inside a transaction.
    Nobody waits for it: a console that misses one still shows the change on refresh."""
    message = {"type": "console.event", "event": event, "case": case_id}
    group_send(CONSOLE_GROUP, message, wait=False)


def console_event_on_commit(*, event: str, case) -> None:
    """Tell every open console once the current transaction commits."""
    case_id = case.pk
    transaction.on_commit(lambda: console_event_send(event=event, case_id=case_id), robust=True)
