"""What a guide does on a case besides deciding it: escalate, note, message the
member, hold their other recent items, and the audited read of the case itself.
Approving and removing are in moderation.services, with the rest of the lifecycle."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from moderation.audit import audit_record
from moderation.backends import risk_backend
from moderation.claims import case_lease_renew, case_locked_for
from moderation.console_tasks import page_on_commit
from moderation.errors import ModerationRefused
from moderation.live import RAISED, console_event_on_commit
from moderation.models import (
    AuditAction,
    CaseNote,
    CasePriority,
    CaseState,
    GuideMessage,
    HeldReason,
    ReviewCase,
)
from moderation.pipeline import case_open, item_label, item_locked
from moderation.registry import handler_for, registered_models
from moderation.states import Actor, Event, ModerationState, next_state

MESSAGE_MAX = 4000


def _subject(case) -> str:
    return f"case:{case.pk}"


def _actor(user):
    return Actor.LEAD if user.role == "lead" else Actor.GUIDE


@transaction.atomic
def case_viewed(*, case, viewer) -> None:
    """Opening a case reads sensitive data: audit it, renew the viewer's lease if they
    hold the case (a guide at work keeps it), and mark the member's replies read."""
    case_lease_renew(case=case, guide=viewer)
    # The member's replies are shown on this page: they have been read.
    replies = GuideMessage.objects.filter(member=case.author_id, from_member=True)
    replies.filter(read_at__isnull=True).update(read_at=timezone.now())
    audit_record(
        actor=viewer, action=AuditAction.CASE_VIEWED, member=case.author, subject=_subject(case)
    )


@transaction.atomic
def case_escalate(*, case, guide, reason: str) -> ReviewCase:
    """Make the case urgent. A held item becomes ESCALATED (the author is shown crisis
    help); an item still up under a report stays up, its case urgent."""
    if not reason.strip():
        raise ModerationRefused("Please say why you're escalating: the next guide will read it.")
    item = item_locked(case.item)
    case = case_locked_for(case, guide)
    if item.state == ModerationState.HELD:
        item.state = next_state(item.state, Event.ESCALATE, _actor(guide))
        item.save(update_fields=["state"])
    case.priority, case.escalated_at = CasePriority.URGENT, case.escalated_at or timezone.now()
    case.save(update_fields=["priority", "escalated_at"])
    case_lease_renew(case=case, guide=guide)
    page_on_commit(case)
    console_event_on_commit(event=RAISED, case=case)
    audit_record(
        actor=guide, action=AuditAction.CASE_ESCALATED, member=case.author,
        subject=_subject(case), reason=reason,
    )  # fmt: skip
    return case


@transaction.atomic
def case_note_add(*, case, guide, text: str) -> CaseNote:
    """A private note for the guides; the member never sees it."""
    if not text.strip():
        raise ModerationRefused("The note is empty.")
    case = case_locked_for(case, guide)
    note = CaseNote.objects.create(case=case, author=guide, text=text.strip()[:MESSAGE_MAX])
    case_lease_renew(case=case, guide=guide)
    audit_record(
        actor=guide, action=AuditAction.CASE_NOTE_ADDED, member=case.author,
        subject=_subject(case), after=note.text,
    )  # fmt: skip
    return note


@transaction.atomic
def member_message_send(*, case, guide, body: str) -> GuideMessage:
    """Write to the case's author, in their private conversation with "Wall Guides".
    On an open case only its holder may; a closed case stays open to answer replies."""
    if not body.strip():
        raise ModerationRefused("The message is empty.")
    case = ReviewCase.objects.select_for_update().get(pk=case.pk)
    if case.state == CaseState.OPEN:
        case = case_locked_for(case, guide)
    message = GuideMessage.objects.create(
        member=case.author, case=case, sender=guide, body=body.strip()[:MESSAGE_MAX]
    )
    case_lease_renew(case=case, guide=guide)
    audit_record(
        actor=guide, action=AuditAction.MEMBER_MESSAGED, member=case.author,
        subject=_subject(case), after=message.body,
    )  # fmt: skip
    return message


@transaction.atomic
def member_reply_send(*, member, body: str) -> GuideMessage:
    """The member answers the Wall Guides. Never held: the rules alone check it, and
    a reply that suggests immediate risk makes the open case it answers urgent."""
    if not body.strip():
        raise ModerationRefused("Your message is empty.")
    last = GuideMessage.objects.filter(member=member, from_member=False).last()
    if last is None:
        raise ModerationRefused("You can reply once a Wall Guide has written to you.")
    rules = risk_backend().assess_rules_only(body)
    message = GuideMessage.objects.create(
        member=member, case=last.case, from_member=True, body=body.strip()[:MESSAGE_MAX],
        rules=[match.as_dict() for match in rules.rules],
    )  # fmt: skip
    if rules.priority == "urgent" and last.case_id:
        raised = ReviewCase.objects.filter(pk=last.case_id, state=CaseState.OPEN).update(
            priority=CasePriority.URGENT,
            escalated_at=Coalesce("escalated_at", Value(timezone.now())),
        )
        if raised:
            page_on_commit(last.case)
    return message


def guide_messages_mark_read(*, member) -> int:
    """The member has seen the Wall Guides' messages."""
    unread = GuideMessage.objects.filter(member=member, from_member=False, read_at__isnull=True)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def member_recent_items_hold(*, case, guide, reason: str) -> int:
    """Take the case author's other items published in the last
    HARBOUR_CASE_HOLD_RECENT_HOURS out of view, each with a case of its own.

    Items still being checked are left to the check (the lifecycle has no guide
    edge from PENDING); items already held already have a case."""
    if not reason.strip():
        raise ModerationRefused("Please say why: the guides who pick these up will read it.")
    case = case_locked_for(case, guide)
    since = timezone.now() - timedelta(hours=settings.HARBOUR_CASE_HOLD_RECENT_HOURS)
    held = []
    for model in registered_models():
        recent = model.objects.filter(
            author=case.author_id, state=ModerationState.PUBLISHED, published_at__gte=since
        )
        if model is case.content_type.model_class():
            recent = recent.exclude(pk=case.object_id)  # the case decides that one
        held += [_pull_back(item, guide, priority=case.priority) for item in recent]
    held = [label for label in held if label]
    audit_record(
        actor=guide, action=AuditAction.MEMBER_ITEMS_HELD, member=case.author,
        subject=_subject(case), reason=reason, after="\n".join(held),
    )  # fmt: skip
    return len(held)


def _pull_back(item, guide, *, priority) -> str:
    item = item_locked(item)
    if item.state != ModerationState.PUBLISHED:  # changed since we looked
        return ""
    item.state = next_state(item.state, Event.PULL_BACK, _actor(guide))
    item.save(update_fields=["state"])
    handler_for(item).hide(item)
    case_open(item, reason=HeldReason.PULLED_BACK, priority=max(priority, CasePriority.HIGH))
    return f"{item_label(item)}:{item.pk}"
