"""Model oversight: leads read again a sample of what the automatic check published.

A beat task (`console_tasks.oversight_samples_take`) picks HARBOUR_OVERSIGHT_SAMPLE_RATE
(default 2%) of the assessments that published an item. The pick is a hash of the
assessment's id, so it is deterministic (the same rows whichever beat sees them, a
re-run adds nothing) and unrelated to what the text says or who wrote it. Private
kinds are never sampled: nothing of them leaves moderation.

A lead marks a sample "rightly published" or "should have been held". The second
takes the item out of view (if it is still up), opens a case for the guides, and keeps
the lead's judgement as a GuideLabel for the check's next training round.
"""

import hashlib
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from accounts.roles import Role
from moderation.audit import audit_record
from moderation.console_tasks import page_on_commit
from moderation.errors import ModerationRefused
from moderation.models import (
    AuditAction,
    CaseDecision,
    CasePriority,
    HeldReason,
    OversightSample,
    OversightVerdict,
    RiskAssessment,
    RiskDecision,
)
from moderation.pipeline import case_open, item_find, item_label, item_locked
from moderation.registry import handler_for, handler_for_model, registered_models
from moderation.services import guide_label_keep
from moderation.states import Actor, Event, ModerationState, next_state

_SCALE = 2**64


def assessment_sampled(assessment_id: int, rate: float | None = None) -> bool:
    """Whether this assessment falls in the sample: a hash of its id, not chance."""
    rate = settings.HARBOUR_OVERSIGHT_SAMPLE_RATE if rate is None else rate
    digest = hashlib.sha256(f"oversight:{assessment_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") < rate * _SCALE


def _public_kinds() -> list[ContentType]:
    models = [m for m in registered_models() if not getattr(handler_for_model(m), "private", False)]
    return list(ContentType.objects.get_for_models(*models).values())


@shared_task(name="moderation.oversight.oversight_samples_take")
def oversight_samples_take_task() -> int:
    return oversight_samples_take()


def oversight_samples_take(now=None) -> int:
    """Sample the automatically published assessments of the last
    HARBOUR_OVERSIGHT_LOOKBACK_HOURS not yet sampled; returns how many were added."""
    now = now or timezone.now()
    since = now - timedelta(hours=settings.HARBOUR_OVERSIGHT_LOOKBACK_HOURS)
    published = RiskAssessment.objects.filter(
        decision=RiskDecision.PUBLISH, created_at__gte=since, content_type__in=_public_kinds()
    ).exclude(oversight_sample__isnull=False)
    picked = [pk for pk in published.values_list("pk", flat=True) if assessment_sampled(pk)]
    OversightSample.objects.bulk_create(
        [OversightSample(assessment_id=pk, sampled_at=now) for pk in picked],
        ignore_conflicts=True,  # a beat running twice adds nothing
    )
    return len(picked)


def sample_item(sample):
    """The item a sample is about, or None if it is gone."""
    assessment = sample.assessment
    content_type = ContentType.objects.get_for_id(assessment.content_type_id)
    return item_find(f"{content_type.app_label}.{content_type.model}", assessment.object_id)


def _reviewed(sample, lead, verdict, note):
    if lead.role != Role.LEAD:
        raise ModerationRefused("Only a clinical lead reviews oversight samples.")
    sample = OversightSample.objects.select_for_update().get(pk=sample.pk)
    if sample.verdict:
        raise ModerationRefused("This sample has already been reviewed.")
    sample.verdict, sample.reviewed_by, sample.reviewed_at = verdict, lead, timezone.now()
    sample.note = note
    return sample


@transaction.atomic
def oversight_sample_confirm(*, sample, lead, note: str = "") -> OversightSample:
    """The lead agrees the item was rightly published; kept as an approval label."""
    sample = _reviewed(sample, lead, OversightVerdict.RIGHTLY_PUBLISHED, note)
    item = sample_item(sample)
    if item is not None:
        text = handler_for(item).text(item)
        guide_label_keep(item=item, decision=CaseDecision.APPROVED, labels=[], text=text)
    sample.save()
    _audit(sample, lead, item, reason=note or "rightly published")
    return sample


@transaction.atomic
def oversight_sample_hold(
    *, sample, lead, note: str, labels: list[str], priority=CasePriority.HIGH
) -> OversightSample:
    """The lead finds the item should have been held: keep that as a label, take the
    item out of view if it is still up, and open a case for the guides."""
    if not note.strip():
        raise ModerationRefused("Please say why: the guide who picks up the case will read it.")
    sample = _reviewed(sample, lead, OversightVerdict.SHOULD_HAVE_BEEN_HELD, note)
    item = sample_item(sample)
    if item is None:
        raise ModerationRefused("This item has been deleted, so there is nothing to hold.")
    item = item_locked(item)
    guide_label_keep(
        item=item, decision=CaseDecision.SHOULD_HOLD, labels=labels,
        text=handler_for(item).text(item),
    )  # fmt: skip
    if item.state == ModerationState.PUBLISHED:
        item.state = next_state(item.state, Event.PULL_BACK, Actor.LEAD)
        item.save(update_fields=["state"])
        handler_for(item).hide(item)
    if item.state in (ModerationState.HELD, ModerationState.ESCALATED):
        sample.case = case_open(item, reason=HeldReason.OVERSIGHT, priority=priority, labels=labels)
        page_on_commit(sample.case)
    sample.save()
    _audit(sample, lead, item, reason=note)
    return sample


def _audit(sample, lead, item, *, reason):
    where = f" {item_label(item)}:{item.pk}" if item is not None else ""
    case = f"case:{sample.case_id} " if sample.case_id else ""
    audit_record(
        actor=lead, action=AuditAction.OVERSIGHT_REVIEWED,
        member=item.author if item is not None else None,
        subject=f"{case}oversight:{sample.pk}{where}"[:80],
        reason=f"{sample.get_verdict_display()}: {reason}",
    )  # fmt: skip
