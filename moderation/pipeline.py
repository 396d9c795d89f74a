"""The automatic check, between submission and decision. Called by services
(submit) and by tasks (assess, sweep, re-check); imports neither.

Fail closed: if the check cannot run, the item is HELD for a human with the
reason "automatic check unavailable", never published, and the rules (which
need no model) set how urgent its case is.
"""

import functools
import hashlib
import logging
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimeout

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from moderation.backends import risk_backend
from moderation.live import OPENED, RAISED, console_event_on_commit
from moderation.models import (
    CaseDecision,
    CasePriority,
    CaseState,
    HeldReason,
    ReviewCase,
    RiskAssessment,
)
from moderation.registry import handler_for
from moderation.statements import CompiledQuery, first_counting
from moderation.states import Actor, Event, ModerationState, next_state

log = logging.getLogger(__name__)

DECISION_EVENTS = {
    "publish": Event.DECIDE_PUBLISH,
    "review": Event.DECIDE_REVIEW,
    "escalate": Event.DECIDE_ESCALATE,
}
PRIORITIES = {
    "normal": CasePriority.NORMAL,
    "high": CasePriority.HIGH,
    "urgent": CasePriority.URGENT,
}
# Where the process may not use SIGALRM (a web server's threads, eager tasks), the time
# limit comes from waiting on this thread instead.
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="risk-check")
_alarm_allowed = False


class CheckFailed(Exception):
    """The automatic check did not give a verdict this time (error or too slow)."""


class _TooSlow(BaseException):
    # Raised by the alarm wherever the check is; a BaseException, so that no
    # `except Exception` inside the model's code can swallow it.
    pass


def content_hash(item) -> str:
    return text_hash(handler_for(item).text(item))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def item_label(item) -> str:
    """ "community.post": how a task names an item's kind."""
    return ".".join(ContentType.objects.get_for_model(item).natural_key())


def item_find(label: str, pk: int):
    """The item with the rows its text and publishing read (a post's thread and author),
    in one query; None if it is gone."""
    return _item_query(_model_for(label)).compiled().first(pk=pk)


def item_find_counting(label: str, pk: int):
    """As item_find, and count one more attempt at checking it if it is PENDING, before
    trying, so a check that brings its worker down is counted too. Returns the item
    and its new count (None when it was not counted); on PostgreSQL in one statement."""
    query = _item_query(_model_for(label)).compiled()
    if connection.vendor == "postgresql":
        return first_counting(query, pk=pk, state=ModerationState.PENDING)
    item = query.first(pk=pk)
    if item is None or item.state != ModerationState.PENDING:
        return item, None
    return item, attempt_count(item)


def attempt_uncount(item) -> None:
    """Take back the attempt counted for a task that found a newer revision: it was
    not an attempt at checking this one."""
    counted = type(item).objects.filter(pk=item.pk, check_attempts__gt=0)
    counted.update(check_attempts=F("check_attempts") - 1)


def _model_for(label: str):
    app_label, model = label.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model).model_class()


@functools.cache
def _item_query(model_class) -> CompiledQuery:
    def build(pk):
        return model_class.objects.select_related(*_links(model_class)).filter(pk=pk)

    return CompiledQuery(build, "pk")


def _links(model_class) -> list[str]:
    return [
        field.name
        for field in model_class._meta.concrete_fields
        if field.many_to_one and not field.null
    ]


def time_limit_by_alarm() -> None:
    """Let this process enforce the check's time limit with SIGALRM in its main thread:
    called once in each prefork worker process, where nothing else uses that signal."""
    global _alarm_allowed
    _alarm_allowed = hasattr(signal, "setitimer")


def assess_with_limit(text: str):
    """The backend's verdict on one text, within HARBOUR_RISK_TIME_LIMIT seconds."""
    limit = settings.HARBOUR_RISK_TIME_LIMIT
    started = time.perf_counter()
    try:
        if _alarm_allowed and threading.current_thread() is threading.main_thread():
            verdict = _within_alarm(limit, risk_backend().assess, [text])[0]
        else:
            verdict = _executor.submit(risk_backend().assess, [text]).result(timeout=limit)[0]
    except (_TooSlow, CheckTimeout) as error:
        raise CheckFailed(f"no verdict within {limit} s") from error
    except Exception as error:
        raise CheckFailed(f"{type(error).__name__}: {error}") from error
    return verdict, (time.perf_counter() - started) * 1000


def _within_alarm(seconds: float, work, *args):
    # Runs the check in this thread, where the model was loaded: handing it to another
    # thread costs a wake-up each way. The alarm interrupts it between two of the
    # model's steps; if it goes off while being disarmed, that too counts as too slow.
    def expire(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work(*args)
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


def item_locked(item):
    """The item again, its row locked until the transaction ends."""
    return type(item).objects.select_for_update().get(pk=item.pk)


def _item_for_decision(item, digest: str, *, durable: bool):
    # As item_find, plus whether this revision was assessed already and whether a case
    # waits only for want of the check, in one query; only the item's row is locked.
    query = _decision_query(type(item)).compiled()
    return query.first(pk=item.pk, digest=digest, commit_without_waiting=not durable)


@functools.cache
def _decision_query(model_class) -> CompiledQuery:
    def build(pk, digest):
        assessments = RiskAssessment.objects.filter(
            content_type=ContentType.objects.get_for_model(model_class),
            object_id=OuterRef("pk"),
            content_hash=digest,
        )
        rows = model_class.objects.select_related(*_links(model_class)).annotate(
            assessed=Exists(assessments),
            waits_for_check=Exists(_cases_waiting_for_check(model_class, OuterRef("pk"))),
        )
        return rows.select_for_update(of=("self",)).filter(pk=pk)

    return CompiledQuery(build, "pk", "digest")


def _cases_waiting_for_check(model_class, pk):
    return ReviewCase.objects.filter(
        content_type=ContentType.objects.get_for_model(model_class),
        object_id=pk,
        state=CaseState.OPEN,
        reason=HeldReason.AUTO_CHECK_UNAVAILABLE,
    )


def case_open_for(item) -> ReviewCase | None:
    return ReviewCase.objects.filter(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        state=CaseState.OPEN,
    ).first()


def case_open(item, *, reason, priority, labels=None, rules=None) -> ReviewCase:
    """Open a case for the item, or raise the priority of the one already open.

    `labels` and `rules` replace the case's reasons when given (a new verdict);
    a member's report gives none and keeps them.
    """
    case = case_open_for(item) or ReviewCase(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        author=item.author,
    )
    opened, raised = case.pk is None, case.pk is not None and priority > case.priority
    if opened or raised:
        case.priority, case.reason = priority, reason
    elif case.reason == HeldReason.AUTO_CHECK_UNAVAILABLE and labels is not None:
        # The check has now run: the case waits on its verdict, not for the check, or
        # the re-check would send the item back to PENDING again and again.
        case.reason = reason
    case.revision = item.revision
    case.risk_score = _newest_risk_score(item)
    if labels is not None:
        case.labels, case.rules = list(labels), list(rules or [])
    case.save()
    if opened or raised:  # open consoles hear of it once this transaction commits
        console_event_on_commit(event=OPENED if opened else RAISED, case=case)
    return case


def _newest_risk_score(item) -> float:
    newest = (
        RiskAssessment.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        )
        .order_by("-created_at", "-pk")
        .only("scores")
        .first()
    )
    return newest.risk_score if newest else 0.0


def verdict_apply(item, verdict, *, digest: str, latency_ms: float) -> bool:
    """Store the verdict and act on it, once per item and hash. False if it came too late
    (the text changed, or another worker decided first)."""
    # A decision to publish, in a transaction of its own, commits without waiting for the
    # disk: if PostgreSQL itself crashed before writing it out, the post would be PENDING
    # again and the sweeper would send it to the check again (the verdict is the same),
    # so nothing is lost and nothing is published unchecked; waiting cost from 0.2 to 4
    # ms a post. A hold or an escalation opens a case a guide must see, and always
    # waits; so does a decision inside another transaction (an eager check in the
    # submitting one), where skipping would spare the wait for the member's words too.
    durable = verdict.decision != "publish" or connection.in_atomic_block
    with transaction.atomic():
        # Assessments are only stored here, under the item's lock: none can appear
        # between this check and the insert (the unique constraint stays the backstop).
        item = _item_for_decision(item, digest, durable=durable)
        if (
            item is None
            or item.state != ModerationState.PENDING
            or item.assessed
            or content_hash(item) != digest
        ):
            return False
        RiskAssessment.objects.create(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk,
            content_hash=digest, decision=verdict.decision, labels=list(verdict.labels),
            scores=verdict.scores, rules=[m.as_dict() for m in verdict.rules],
            model_version=verdict.model_version or "", latency_ms=latency_ms,
        )  # fmt: skip
        _decide(item, verdict)
    return True


def _decide(item, verdict):
    event = DECISION_EVENTS[verdict.decision]
    item.state = next_state(item.state, event, Actor.PIPELINE)
    item.pending_since = None
    if event == Event.DECIDE_PUBLISH:
        _publish(item)
        _case_close_unneeded(item)
        return
    item.save(update_fields=["state", "pending_since"])
    reason = HeldReason.AUTO_ESCALATE if event == Event.DECIDE_ESCALATE else HeldReason.AUTO_REVIEW
    case_open(
        item, reason=reason, priority=PRIORITIES[verdict.priority or "normal"],
        labels=verdict.labels, rules=[m.as_dict() for m in verdict.rules],
    )  # fmt: skip


def _publish(item):
    handler = handler_for(item)
    if not getattr(handler, "publish_saves_item", False):
        item.save(update_fields=["state", "pending_since"])
    handler.publish(item)  # else its own save stores the new state: one UPDATE, not two


def _case_close_unneeded(item):
    # Held only because the check was down, now checked and safe: no guide needed.
    if item.waits_for_check:
        _cases_waiting_for_check(type(item), item.pk).update(
            state=CaseState.CLOSED, closed_at=timezone.now(), decision=CaseDecision.NO_ACTION
        )


def check_unavailable(item, *, why: str) -> bool:
    """Hold the item for a guide because the check could not run; the rules set the priority."""
    with transaction.atomic():
        item = item_locked(item)
        if item.state != ModerationState.PENDING:
            return False
        rules = risk_backend().assess_rules_only(handler_for(item).text(item))
        item.state = next_state(item.state, Event.CHECK_UNAVAILABLE, Actor.PIPELINE)
        item.pending_since = None
        item.save(update_fields=["state", "pending_since"])
        case_open(
            item, reason=HeldReason.AUTO_CHECK_UNAVAILABLE,
            priority=PRIORITIES[rules.priority or "normal"],
            labels=rules.labels, rules=[m.as_dict() for m in rules.rules],
        )  # fmt: skip
    log.warning("held %s %s: automatic check unavailable (%s)", item_label(item), item.pk, why)
    return True


def recheck_prepare(item) -> bool:
    """Send an item held only for want of the check back to the check: HELD -> PENDING."""
    with transaction.atomic():
        item = item_locked(item)
        if item.state != ModerationState.HELD:
            return False
        item.state = next_state(item.state, Event.RECHECK, Actor.PIPELINE)
        item.pending_since, item.check_attempts = timezone.now(), 0
        item.save(update_fields=["state", "pending_since", "check_attempts"])
    return True


def attempt_count(item) -> int:
    """Count one more attempt at checking the item, before trying, so a check that
    brings its worker down is counted too; returns the new count."""
    type(item).objects.filter(pk=item.pk).update(check_attempts=F("check_attempts") + 1)
    item.check_attempts += 1
    return item.check_attempts
