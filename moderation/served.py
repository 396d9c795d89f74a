"""A record of the items shown to members other than their authors.

Off unless HARBOUR_SERVED_LOG names a file. The fault suite (tests/faults) turns it
on in its server and checks afterwards that no item the risk check sent to a Wall
Guide was ever in it. One line per serving: the kind, the reader's id, the item ids.
Written by the places that hand members others' words: a thread's page of posts
(community.thread_pages) and a chat room's frames (chat.frames).
"""

import logging

from django.conf import settings

_loggers: dict[str, logging.Logger] = {}


def served_record(*, kind: str, viewer_id: int, item_ids) -> None:
    """Note that the items were shown to `viewer_id` (not their author)."""
    path = settings.HARBOUR_SERVED_LOG
    if not path or not item_ids:
        return
    _logger(path).info("%s %s %s", kind, viewer_id, " ".join(str(pk) for pk in item_ids))


def _logger(path: str) -> logging.Logger:
    logger = _loggers.get(path)
    if logger is None:
        logger = logging.getLogger(f"harbour.served.{len(_loggers)}")
        logger.propagate = False
        logger.setLevel(logging.INFO)
        handler = logging.FileHandler(path)  # appends; one write per line, under a lock
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        _loggers[path] = logger
    return logger


def served_read(path) -> dict[str, set[int]]:
    """The ids in a served log by kind ("post", "chat"): for the fault suite's checks."""
    found: dict[str, set[int]] = {}
    with open(path) as lines:
        for line in lines:
            kind, _viewer, *ids = line.split()
            found.setdefault(kind, set()).update(int(pk) for pk in ids)
    return found
