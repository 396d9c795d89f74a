"""Retention (HARBOUR_RETENTION_*): removed content loses its words after a while, and
old audit entries are removed, only ever by the database function privacy_audit_purge
(privacy/migrations/0002), which records every run in the log itself."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from moderation.audit import audit_record
from moderation.models import Appeal, AppealState, AuditAction, CaseDecision, CaseState, ReviewCase
from moderation.states import ModerationState
from privacy.services.wiping import WIPE_FIELDS, items_wipe

# The action the purge records; privacy_audit_purge writes the same on PostgreSQL.
AUDIT_RETENTION_PURGE = AuditAction.AUDIT_RETENTION_PURGE


def _expired_items(model, cutoff):
    """Removed items whose removal is older than the cutoff, and deleted items older
    than it, except while a case about them is open or an appeal against it waits."""
    content_type = ContentType.objects.get_for_model(model)
    cases = ReviewCase.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
    recently_removed = cases.filter(decision=CaseDecision.REMOVED, closed_at__gte=cutoff)
    appeal_waiting = Appeal.objects.filter(
        case__content_type=content_type, case__object_id=OuterRef("pk"), state=AppealState.PENDING
    )
    removed = Q(state=ModerationState.REMOVED) & ~Q(Exists(recently_removed))
    deleted = Q(state=ModerationState.DELETED)
    return (
        model.objects.filter(removed | deleted, created_at__lt=cutoff)
        .exclude(Exists(cases.filter(state=CaseState.OPEN)))
        .exclude(Exists(appeal_waiting))
    )


def removed_content_wipe(*, now=None) -> int:
    """Wipe the words of removed and deleted items past HARBOUR_RETENTION_REMOVED_CONTENT_DAYS."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.HARBOUR_RETENTION_REMOVED_CONTENT_DAYS)
    wiped = 0
    for model in WIPE_FIELDS:
        with transaction.atomic():
            wiped += items_wipe(model, _expired_items(model, cutoff))
    return wiped


def audit_entries_purge(*, keep_days: int) -> int:
    """Remove audit entries older than `keep_days` through the one audited function."""
    if connection.vendor != "postgresql":
        return _audit_entries_purge_sqlite(keep_days)
    with connection.cursor() as cursor:
        cursor.execute("SELECT privacy_audit_purge(%s)", [keep_days])
        return cursor.fetchone()[0]


def _audit_entries_purge_sqlite(keep_days: int) -> int:
    # The embedded default has no triggers or functions: the same steps, in one
    # transaction, below the model (which refuses deletes).
    cutoff = timezone.now() - timedelta(days=keep_days)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM moderation_auditentry WHERE at < %s", [cutoff])
        removed = cursor.rowcount
        audit_record(
            actor=None,
            action=AUDIT_RETENTION_PURGE,
            reason=f"{removed} entries older than {keep_days} days removed",
        )
    return removed


def retention_enforce() -> dict:
    """The beat task's work: both retention rules, with what each did."""
    return {
        "content_wiped": removed_content_wipe(),
        "audit_entries_removed": audit_entries_purge(
            keep_days=settings.HARBOUR_RETENTION_AUDIT_DAYS
        ),
    }
