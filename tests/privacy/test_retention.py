"""Retention: removed content loses its words after HARBOUR_RETENTION_REMOVED_CONTENT_DAYS;
audit entries older than HARBOUR_RETENTION_AUDIT_DAYS go, only through the one
audited database function; the log stays append-only to everything else."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import override_settings
from django.utils import timezone

from community.models import Brick
from community.services.bricks import brick_create
from moderation.models import AuditEntry, AuditRefused, ReviewCase
from moderation.services import case_open_for, case_remove, content_delete
from moderation.states import ModerationState
from privacy.tasks import retention_enforce

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(days=400)


def _age(queryset, by):
    queryset.update(created_at=timezone.now() - by)


@pytest.fixture
def removed_brick(member, guide):
    brick = brick_create(author=member, body="words a guide removed", colour="sea")
    case_remove(case=case_open_for(brick), guide=guide, reason="Not kind")
    return brick


def _entry(at, action="case_viewed"):
    return AuditEntry.objects.create(at=at, actor="a" * 32, actor_role="guide", action=action)


@override_settings(HARBOUR_RETENTION_REMOVED_CONTENT_DAYS=90)
def test_removed_content_loses_its_words_after_the_retention_period(removed_brick):
    retention_enforce()
    removed_brick.refresh_from_db()
    assert removed_brick.body == "words a guide removed"  # removed today: kept for appeals

    _age(Brick.objects.filter(pk=removed_brick.pk), LONG_AGO)
    cases = ReviewCase.objects.filter(object_id=removed_brick.pk)
    cases.update(closed_at=timezone.now() - LONG_AGO)
    result = retention_enforce()
    removed_brick.refresh_from_db()
    assert removed_brick.body == "" and removed_brick.public_body == ""
    assert removed_brick.state == ModerationState.REMOVED  # the row stays for its case
    assert result["content_wiped"] == 1


def test_deleted_content_older_than_the_period_is_wiped_but_published_is_not(member, approve):
    kept = approve(brick_create(author=member, body="still on the wall", colour="sea"))
    gone = approve(brick_create(author=member, body="deleted by me", colour="sea"))
    content_delete(item=gone, author=member)
    _age(Brick.objects.all(), LONG_AGO)
    retention_enforce()
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.body == "still on the wall" and kept.is_public
    assert gone.body == ""


def test_old_audit_entries_go_only_through_the_audited_function(db):
    old = _entry(timezone.now() - timedelta(days=3000))
    recent = _entry(timezone.now() - timedelta(days=10))
    with override_settings(HARBOUR_RETENTION_AUDIT_DAYS=365):
        result = retention_enforce()
    assert result["audit_entries_removed"] == 1
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
    purge = AuditEntry.objects.get(action="audit_retention_purge")
    assert purge.reason.startswith("1 entries older than 365 days")


def test_the_log_still_refuses_every_other_delete_and_update(db):
    entry = _entry(timezone.now() - timedelta(days=3000))
    with override_settings(HARBOUR_RETENTION_AUDIT_DAYS=365000):
        retention_enforce()  # the guard is back on after the function
    for statement in (
        "DELETE FROM moderation_auditentry WHERE id = %s",
        "UPDATE moderation_auditentry SET reason = 'x' WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    with pytest.raises(AuditRefused):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_the_function_refuses_to_empty_the_log(db):
    _entry(timezone.now())
    with (
        pytest.raises(DatabaseError, match="at least 1"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT privacy_audit_purge(0)")
    assert AuditEntry.objects.exists()


def test_retention_is_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"privacy.tasks.retention_enforce", "privacy.tasks.exports_expire"} <= tasks
