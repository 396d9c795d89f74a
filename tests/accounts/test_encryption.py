"""Encrypted fields: keys rotate without losing a single value."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection

from accounts.encryption import decrypt
from accounts.models import SafetyDetails

pytestmark = pytest.mark.django_db


def raw_phone(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_safetydetails WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_rotation_re_encrypts_with_the_newest_key(settings, member):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    details = SafetyDetails.objects.create(user=member, phone="07700 900456")

    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    assert SafetyDetails.objects.get(pk=details.pk).phone == "07700 900456"  # old key still reads
    call_command("encryption_rotate", stdout=io.StringIO())

    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key is gone
    assert SafetyDetails.objects.get(pk=details.pk).phone == "07700 900456"
    assert "07700" not in raw_phone(details.pk)


def test_a_value_cannot_be_read_without_its_key(settings, member):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    details = SafetyDetails.objects.create(user=member, phone="07700 900789")
    token = raw_phone(details.pk)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(InvalidToken):
        decrypt(token)
