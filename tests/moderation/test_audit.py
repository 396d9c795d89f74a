"""The append-only audit log: refusals in the model and the database, pseudonyms that
survive erasure, the request id, and the leads' search and CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moderation.audit import audit_record
from moderation.models import AuditAction, AuditEntry, AuditPseudonym, AuditRefused
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(guide, member):
    return audit_record(
        actor=guide, action=AuditAction.CASE_REMOVED, member=member, subject="case:7",
        reason="Phone number", before="Call 07700 900123", after="",
    )  # fmt: skip


@pytest.mark.portable
def test_the_model_refuses_to_change_or_delete_an_entry(entry):
    entry.reason = "something else"
    with pytest.raises(AuditRefused):
        entry.save()
    with pytest.raises(AuditRefused):
        entry.delete()
    with pytest.raises(AuditRefused):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AuditRefused):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == "Phone number"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE moderation_auditentry SET reason = 'rewritten' WHERE id = %s",
        "DELETE FROM moderation_auditentry WHERE id = %s",
    ],
)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_even_a_superuser(entry, statement):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone()[0] is True  # the refusal below is not a missing grant
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).reason == "Phone number"


def test_people_are_named_by_pseudonym_and_erasure_keeps_the_log(entry, member, guide):
    assert str(member.pk) not in (entry.target, entry.actor)
    assert entry.target == AuditPseudonym.objects.get(user=member).pseudonym
    member.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.target == entry.target and kept.before == "Call 07700 900123"
    assert not AuditPseudonym.objects.filter(pseudonym=entry.target).exists()


def test_the_diff_is_kept_when_content_changed(guide, member):
    changed = audit_record(
        actor=guide, action=AuditAction.CASE_APPROVED_REDACTED, member=member,
        before="Call 07700 900123", after="Call [removed]",
    )  # fmt: skip
    assert "-Call 07700 900123" in changed.diff and "+Call [removed]" in changed.diff


def test_every_response_carries_a_request_id(client):
    response = client.get(reverse("home"))
    assert len(response["X-Request-ID"]) >= 8
    given = client.get(reverse("home"), HTTP_X_REQUEST_ID="lb-abcdef123456")
    assert given["X-Request-ID"] == "lb-abcdef123456"
    forged = client.get(reverse("home"), HTTP_X_REQUEST_ID="<script>")
    assert forged["X-Request-ID"] != "<script>"


def test_a_lead_searches_the_log_by_person_and_action(client_for, lead, entry):
    audit_record(actor=lead, action=AuditAction.CASE_VIEWED, subject="case:8")
    client = client_for(lead)
    found = client.get(reverse("audit_log"), {"actor": "guide-charlie"})
    rows = found.context["rows"]
    assert [row[0].pk for row in rows] == [entry.pk]
    assert rows[0][1:] == ("guide-charlie", "alice-wren")
    by_member = client.get(reverse("audit_log"), {"member": "alice-wren", "action": "case_removed"})
    assert len(by_member.context["rows"]) == 1
    assert AuditEntry.objects.filter(action=AuditAction.AUDIT_SEARCHED).count() == 2


def test_a_lead_exports_a_date_range_as_csv(client_for, lead, entry):
    today = timezone.localdate()
    response = client_for(lead).get(
        reverse("audit_export"), {"start": today - timedelta(days=1), "end": today}
    )
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    removed = [row for row in rows if row["action"] == "case_removed"]
    assert removed[0]["member"] == "alice-wren" and removed[0]["before"] == "Call 07700 900123"
    assert AuditEntry.objects.filter(action=AuditAction.AUDIT_EXPORTED).exists()


def test_an_exported_formula_is_neutralised(client_for, lead, guide, member):
    audit_record(actor=guide, action=AuditAction.CASE_REMOVED, member=member, before="=HYPERLINK()")
    response = client_for(lead).get(reverse("audit_export"))
    assert "'=HYPERLINK()" in response.content.decode()


@pytest.mark.parametrize(
    "query, error",
    [
        ({"start": "2026-13-45"}, "Please give the start date as YYYY-MM-DD."),
        ({"start": "2026-05-02", "end": "2026-05-01"}, "The start date is after the end date."),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "at most 366 days"),
    ],
)
def test_bad_dates_get_a_clear_form_error(client_for, lead, query, error):
    client = client_for(lead)
    for name in ("audit_log", "audit_export"):
        response = client.get(reverse(name), query)
        assert response.status_code == 400
        assert error in response.content.decode()


@pytest.mark.parametrize("who", ["guide", "member", "org_admin", "staff"])
def test_only_leads_read_the_audit_log(request, who):
    client = Client()
    sign_in(client, request.getfixturevalue(who))
    assert client.get(reverse("audit_log")).status_code == 404
    assert client.get(reverse("audit_export")).status_code == 404
