"""Encrypted fields: keys rotate without losing a single value."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from accounts.encryption import decrypt
from accounts.management.commands.rotate_encryption_keys import encrypted_fields_by_model
from accounts.models import SafetyDetails
from selfcare.models import Course, CourseModule, ExerciseAnswer, JournalEntry, SafetyPlan

pytestmark = pytest.mark.django_db


def raw(model, field, pk):
    table, column = model._meta.db_table, model._meta.get_field(field).column
    query = sql.SQL("SELECT {} FROM {} WHERE id = %s").format(
        sql.Identifier(column), sql.Identifier(table)
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [pk])
        return cursor.fetchone()[0]


def raw_phone(pk):
    return raw(SafetyDetails, "phone", pk)


def rotate():
    out = io.StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    return out.getvalue()


@pytest.fixture
def keys(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    return settings, old, new


@pytest.fixture
def private_rows(member):
    """One row of every model that keeps encrypted text, written under the current key."""
    module = CourseModule.objects.create(
        course=Course.objects.create(slug="calm", title="Calm", summary="Calm"),
        number=1, title="Breathing", body="Breathe.",
    )  # fmt: skip
    return {
        (SafetyDetails, "phone"): SafetyDetails.objects.create(user=member, phone="07700 900456"),
        (SafetyPlan, "reasons_for_living"): SafetyPlan.objects.create(
            member=member, reasons_for_living="My sister Maya"
        ),
        (JournalEntry, "body"): JournalEntry.objects.create(member=member, body="Slept badly"),
        (ExerciseAnswer, "text"): ExerciseAnswer.objects.create(
            member=member, module=module, text="Counted to four"
        ),
    }


def test_the_command_finds_encrypted_text_in_every_app(private_rows):
    covered = {model for model, _ in encrypted_fields_by_model()}
    assert {model for model, _ in private_rows} <= covered


def test_rotation_re_encrypts_every_model_with_the_newest_key(keys, private_rows):
    settings, old, new = keys
    expected = {key: getattr(row, key[1]) for key, row in private_rows.items()}

    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    for (model, field), row in private_rows.items():  # the old key still reads
        assert getattr(model.objects.get(pk=row.pk), field) == expected[(model, field)]
    report = rotate()

    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key is gone
    for (model, field), row in private_rows.items():
        assert getattr(model.objects.get(pk=row.pk), field) == expected[(model, field)]
        token = raw(model, field, row.pk)
        assert expected[(model, field)] not in token
        assert Fernet(new.encode()).decrypt(token.encode()).decode() == expected[(model, field)]
    assert "accounts.SafetyDetails: 1 rows re-encrypted" in report


def test_rotation_keeps_empty_fields_empty_and_touches_no_timestamp(keys, member):
    settings, old, new = keys
    entry = JournalEntry.objects.create(member=member, title="", body="Walked by the sea")
    stamp = JournalEntry.objects.get(pk=entry.pk).updated_at
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    rotate()
    settings.FIELD_ENCRYPTION_KEYS = [new]
    again = JournalEntry.objects.get(pk=entry.pk)
    assert (again.title, again.body, again.updated_at) == ("", "Walked by the sea", stamp)


def test_a_row_no_key_opens_stops_the_run_and_says_so(keys, member):
    settings, old, new = keys
    SafetyDetails.objects.create(user=member, phone="07700 900456")
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key was dropped too early
    with pytest.raises(CommandError, match="put the missing key back"):
        rotate()


def test_the_earlier_command_name_still_works(keys, member):
    settings, old, new = keys
    details = SafetyDetails.objects.create(user=member, phone="07700 900456")
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    call_command("encryption_rotate", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert SafetyDetails.objects.get(pk=details.pk).phone == "07700 900456"


def test_a_value_cannot_be_read_without_its_key(settings, member):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    details = SafetyDetails.objects.create(user=member, phone="07700 900789")
    token = raw_phone(details.pk)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(InvalidToken):
        decrypt(token)
