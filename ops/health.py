"""What the readiness check looks at. Each check returns a Check: passed or not, and
a short plain reason an operator can act on. Nothing here names a member.

In the embedded default (no REDIS_URL) tasks run in the web process, so there is no
Redis, no worker and no heartbeat to check: those checks pass as "not used".
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from ops.heartbeat import heartbeat_read, redis_client
from ops.tasks import MODEL_QUEUE


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def database_check() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        return Check("database", False, f"{type(error).__name__}: {error}".strip())
    return Check("database", True, "answered")


def redis_check() -> Check:
    if not settings.REDIS_URL:
        return Check("redis", True, "not used (embedded default)")
    try:
        redis_client().ping()
    except Exception as error:
        return Check("redis", False, f"{type(error).__name__}: {error}".strip())
    return Check("redis", True, "answered")


def worker_checks() -> list[Check]:
    """One check per queue's heartbeat, and the model as the moderation worker saw it."""
    queues = settings.HARBOUR_HEARTBEAT_QUEUES
    if not settings.REDIS_URL:
        unused = "not used (embedded default: checks run in this process)"
        return [Check(f"worker:{queue}", True, unused) for queue in queues]
    try:
        beats = {queue: heartbeat_read(queue) for queue in queues}
    except Exception as error:
        why = f"cannot read the heartbeat: {type(error).__name__}"
        return [Check(f"worker:{queue}", False, why) for queue in queues] + [
            Check("model", False, why)
        ]
    checks = [_worker_check(queue, beat) for queue, beat in beats.items()]
    if MODEL_QUEUE in beats:
        checks.append(_model_check(beats[MODEL_QUEUE]))
    return checks


def _worker_check(queue, beat) -> Check:
    name = f"worker:{queue}"
    if beat is None:
        return Check(name, False, "no heartbeat: is a worker and beat running for this queue?")
    if not beat.is_fresh():
        return Check(name, False, f"last heartbeat {beat.age():.0f} s ago")
    return Check(name, True, f"last heartbeat {beat.age():.0f} s ago")


def _model_check(beat) -> Check:
    if beat is None or not beat.is_fresh():
        return Check("model", False, "unknown: no fresh heartbeat from the moderation worker")
    if beat.model_error or not beat.model_version:
        return Check("model", False, f"not loaded: {beat.model_error or 'no version reported'}")
    return Check("model", True, f"loaded ({beat.model_version})")


def readiness() -> list[Check]:
    return [database_check(), redis_check(), *worker_checks()]
