"""Moving content through its lifecycle. Every change goes through `_transition`,
which checks the move against the table in moderation.states."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from accounts.roles import Role
from accounts.selectors import model_improvement_consented
from moderation.audit import audit_record, words_changed
from moderation.claims import case_locked_for
from moderation.console_tasks import page_on_commit
from moderation.errors import ModerationRefused
from moderation.live import DECIDED, console_event_on_commit
from moderation.models import (
    AuditAction,
    CaseDecision,
    CasePriority,
    CaseState,
    GuideLabel,
    HeldReason,
    Report,
    ReportReason,
    ReviewCase,
)
from moderation.pipeline import case_open, case_open_for, item_label, item_locked
from moderation.registry import handler_for, is_private
from moderation.states import Actor, Event, ModerationState, next_state
from moderation.tasks import assess_send

__all__ = ["ModerationRefused", "case_open_for"]  # re-exported for the apps that call us


def _transition(item, event, actor):
    item.state = next_state(item.state, event, actor)
    item.save(update_fields=["state"])
    return item


def _actor_for(user) -> str:
    return Actor.LEAD if user.role == Role.LEAD else Actor.GUIDE


def _case_close(case, *, by, decision, message=""):
    case.state, case.closed_at, case.closed_by = CaseState.CLOSED, timezone.now(), by
    case.decision, case.message_to_author = decision, message
    case.claimed_by = case.claimed_at = case.lease_expires_at = None  # released on action
    case.save(
        update_fields=[
            "state", "closed_at", "closed_by", "decision", "message_to_author",
            "claimed_by", "claimed_at", "lease_expires_at",
        ]
    )  # fmt: skip
    console_event_on_commit(event=DECIDED, case=case)


def _subject(case, item) -> str:
    return f"case:{case.pk} {item_label(item)}:{item.pk}"


# No savepoint of its own: a caller's transaction (thread_create's) either stores the
# item with its thread or not at all, and two round trips fewer come before the commit.
@transaction.atomic(savepoint=False)
def content_submit(*, item, is_edit: bool = False):
    """Submit a new item (saved or not yet), or a new revision of a published one, for
    the automatic check.

    The item waits PENDING (an edited item's earlier revision stays public) and
    the check is queued once this transaction commits; the sweeper re-sends it if
    the queue loses it.
    """
    if is_edit:
        item = item_locked(item)
        _transition(item, Event.EDIT, Actor.AUTHOR)
        item.revision += 1
    else:
        item.state = next_state(None, Event.SUBMIT, Actor.AUTHOR)
    item.pending_since, item.check_attempts = timezone.now(), 0
    if item.pk is None:  # a new item, given unsaved, is stored PENDING in one statement
        item.save(force_insert=True)
    else:
        item.save(update_fields=["state", "revision", "pending_since", "check_attempts"])
    if settings.HARBOUR_RISK_DISPATCH == "immediate":
        assess_send(item)
    else:
        transaction.on_commit(lambda: assess_send(item))
    return item


@transaction.atomic
def case_approve(*, case: ReviewCase, guide, message: str = "") -> ReviewCase:
    """Publish the held item (or, for a reported published item, keep it up).

    Refused while another guide holds the case; see moderation.claims."""
    item = item_locked(case.item)
    case = case_locked_for(case, guide)
    text = handler_for(item).text(item)
    audit_record(
        actor=guide, action=AuditAction.CASE_APPROVED, member=item.author,
        subject=_subject(case, item), reason=message,
    )  # fmt: skip
    if item.state == ModerationState.PUBLISHED:
        _case_close(case, by=guide, decision=CaseDecision.NO_ACTION)
        return case
    _transition(item, Event.APPROVE, _actor_for(guide))
    handler_for(item).publish(item)
    _case_close(case, by=guide, decision=CaseDecision.APPROVED, message=message)
    guide_label_keep(item=item, decision=CaseDecision.APPROVED, labels=["safe"], text=text)
    handler_for(item).after_decision(item, approved=True, message=message)
    return case


@transaction.atomic
def case_approve_redacted(*, case: ReviewCase, guide, text: str, why: str) -> ReviewCase:
    """Publish the held item with a guide's edit (a phone number taken out, say).

    The original and the diff go to the audit log; the author is told what
    changed and why. A published item under report is taken down while it is edited."""
    if not why.strip():
        raise ModerationRefused("Please tell the author why you edited their words.")
    item = item_locked(case.item)
    case = case_locked_for(case, guide)
    handler = handler_for(item)
    original = handler.text(item)
    if text.replace("\r\n", "\n") == original:
        raise ModerationRefused("The text is unchanged: approve it as it is instead.")
    try:
        handler.redact(item, text)
    except ValueError as error:
        raise ModerationRefused(str(error)) from error
    edited = handler.text(item)
    audit_record(
        actor=guide, action=AuditAction.CASE_APPROVED_REDACTED, member=item.author,
        subject=_subject(case, item), reason=why, before=original, after=edited,
    )  # fmt: skip
    actor = _actor_for(guide)
    if item.state == ModerationState.PUBLISHED:
        _transition(item, Event.PULL_BACK, actor)
    _transition(item, Event.APPROVE, actor)
    handler.publish(item)
    message = redaction_message(original, edited, why)
    _case_close(case, by=guide, decision=CaseDecision.APPROVED, message=message)
    guide_label_keep(item=item, decision=CaseDecision.REMOVED, labels=case.labels, text=original)
    handler.after_decision(item, approved=True, message=message)
    return case


def redaction_message(before: str, after: str, why: str) -> str:
    """What the author reads: why, then the words taken out and put in."""
    removed, added = words_changed(before, after)
    lines = [f"A Wall Guide published your post with a small edit. {why.strip()}"]
    if removed:
        lines.append("Taken out: " + "; ".join(f"“{words}”" for words in removed))
    if added:
        lines.append("Put in: " + "; ".join(f"“{words}”" for words in added))
    return "\n".join(lines)


@transaction.atomic
def case_remove(*, case: ReviewCase, guide, reason: str) -> ReviewCase:
    """Remove the item, telling the author why. Refused while another guide holds the case."""
    if not reason.strip():
        raise ModerationRefused("Please give the author a reason: they will see it.")
    item = item_locked(case.item)
    case = case_locked_for(case, guide)
    text = handler_for(item).text(item)
    audit_record(
        actor=guide, action=AuditAction.CASE_REMOVED, member=item.author,
        subject=_subject(case, item), reason=reason, before=text,
    )  # fmt: skip
    actor = _actor_for(guide)
    if item.state == ModerationState.PUBLISHED:
        _transition(item, Event.PULL_BACK, actor)
    _transition(item, Event.REMOVE, actor)
    handler_for(item).hide(item)
    _case_close(case, by=guide, decision=CaseDecision.REMOVED, message=reason)
    guide_label_keep(item=item, decision=CaseDecision.REMOVED, labels=case.labels, text=text)
    handler_for(item).after_decision(item, approved=False, message=reason)
    return case


@transaction.atomic
def content_delete(*, item, author):
    """The author deletes their own item. An open urgent case stays open."""
    item = item_locked(item)
    if item.author_id != author.pk:
        raise ModerationRefused("Only the author can delete this.")
    _transition(item, Event.DELETE, Actor.AUTHOR)
    handler_for(item).hide(item)
    case = case_open_for(item)
    if case is not None and case.priority != CasePriority.URGENT:
        _case_close(case, by=None, decision=CaseDecision.WITHDRAWN)
    return item


@transaction.atomic
def report_submit(*, item, reporter, reason: str, text: str = "") -> Report:
    """A member reports a published item. A worry about the author opens an
    urgent case at once and leaves the post up; enough reports pull it back."""
    item = item_locked(item)
    if not item.is_public or item.state == ModerationState.DELETED:
        raise ModerationRefused("This post is no longer shown, so it can't be reported.")
    if item.author_id == reporter.pk:
        raise ModerationRefused("You can't report your own post. You can edit or delete it.")
    content_type = ContentType.objects.get_for_model(item)
    if Report.objects.filter(
        content_type=content_type, object_id=item.pk, reporter=reporter
    ).exists():
        raise ModerationRefused("You've already reported this. A Wall Guide will look at it.")
    if reason == ReportReason.RISK_TO_AUTHOR:
        if item.state == ModerationState.PUBLISHED:
            _transition(item, Event.RISK_REPORT, Actor.MEMBER)  # stays up
        case = case_open(item, reason=HeldReason.RISK_REPORT, priority=CasePriority.URGENT)
        page_on_commit(case)
    else:
        case = case_open(item, reason=HeldReason.MEMBER_REPORTS, priority=CasePriority.NORMAL)
    report = Report.objects.create(
        content_type=content_type, object_id=item.pk, reporter=reporter, reason=reason,
        text=text, case=case,
    )  # fmt: skip
    # Count only the reports on the open case: those a guide has already dealt
    # with (kept up, or republished) must not pull the item again on one more.
    # Worry for the author never hides their post: others may be offering support.
    reporters = Report.objects.filter(case=case).exclude(reason=ReportReason.RISK_TO_AUTHOR).count()
    if reporters >= settings.HARBOUR_REPORTS_TO_HOLD:
        _pull_back_for_reports(item)
    return report


def _pull_back_for_reports(item):
    # An item with an edit awaiting a guide is not PUBLISHED, but its earlier
    # revision is public: take that out of view all the same.
    if item.state == ModerationState.PUBLISHED:
        _transition(item, Event.REPORT_THRESHOLD, Actor.MEMBER)
    if item.is_public:
        handler_for(item).hide(item)


def guide_label_keep(*, item, decision: str, labels: list[str], text: str) -> GuideLabel | None:
    """Keep a guide's decision on `text` as a label; the text only if its author
    consents to their posts improving the check (see moderation_export_labels).
    Nothing for private kinds: their words never leave the member's own pages."""
    if is_private(item):
        return None
    return GuideLabel.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        author=item.author,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text if model_improvement_consented(item.author) else "",
        decision=decision,
        labels=list(labels),
    )
