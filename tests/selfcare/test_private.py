"""Safety plan and journal: private, encrypted at rest, nothing typed is lost, exportable."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from accounts.encryption import decrypt
from moderation.models import ReviewCase
from selfcare.models import JournalEntry, SafetyPlan
from selfcare.services.private import (
    JOURNAL_BODY_MAX,
    PLAN_SECTION_MAX,
    journal_entry_create,
    safety_plan_save,
)

pytestmark = pytest.mark.django_db


def stored(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_a_member_writes_a_journal_entry_and_it_is_encrypted_at_rest(client_for, member):
    client = client_for(member)
    response = client.post(
        reverse("selfcare:journal"), {"title": "Tuesday", "body": "I slept badly again."}
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(member=member)
    raw = stored("selfcare_journalentry", "body", entry.pk)
    assert "slept" not in raw and decrypt(raw) == "I slept badly again."
    assert "Tuesday" not in stored("selfcare_journalentry", "title", entry.pk)
    assert b"I slept badly again." in client.get(reverse("selfcare:journal")).content


def test_a_journal_entry_is_never_moderated(client_for, member):
    client_for(member).post(reverse("selfcare:journal"), {"body": "I want to kms tonight."})
    assert JournalEntry.objects.filter(member=member).exists()
    assert not ReviewCase.objects.exists()


def test_an_oversized_entry_is_refused_and_every_word_kept(client_for, member):
    body = "word " * (JOURNAL_BODY_MAX // 5 + 10)
    response = client_for(member).post(reverse("selfcare:journal"), {"body": body})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please keep this under 20,000 characters" in page
    assert body.strip() in page
    textarea = re.search(r"<textarea[^>]*>", page).group(0)
    assert "maxlength" not in textarea  # the browser must not cut a paste short
    assert not JournalEntry.objects.exists()


def test_an_empty_entry_is_refused_plainly(client_for, member):
    response = client_for(member).post(reverse("selfcare:journal"), {"title": "Hi", "body": " "})
    assert response.status_code == 400
    assert b"an empty entry can&#x27;t be saved" in response.content


def test_a_member_edits_and_deletes_their_entry(client_for, member):
    entry = journal_entry_create(member=member, title="", body="First words.")
    client = client_for(member)
    client.post(reverse("selfcare:journal_entry", args=[entry.pk]), {"body": "Better words."})
    entry.refresh_from_db()
    assert entry.body == "Better words."
    client.post(reverse("selfcare:journal_delete", args=[entry.pk]))
    assert not JournalEntry.objects.exists()


def test_another_member_cannot_read_change_or_delete_an_entry(signed_in, member, other_member):
    entry = journal_entry_create(member=member, title="Mine", body="Private words.")
    client = signed_in(other_member)
    for name in ("selfcare:journal_entry", "selfcare:journal_delete"):
        assert client.get(reverse(name, args=[entry.pk])).status_code == 404
        assert client.post(reverse(name, args=[entry.pk]), {"body": "x"}).status_code == 404
    assert b"Private words." not in client.get(reverse("selfcare:journal")).content
    assert b"Private words." not in client.get(reverse("selfcare:journal_export")).content
    entry.refresh_from_db()
    assert entry.body == "Private words."


def test_the_member_downloads_their_journal(client_for, member):
    journal_entry_create(member=member, title="One", body="The first entry.")
    journal_entry_create(member=member, title="", body="The second entry.")
    response = client_for(member).get(reverse("selfcare:journal_export"))
    assert response["Content-Disposition"] == 'attachment; filename="harbour-journal.txt"'
    text = response.content.decode()
    assert text.index("The first entry.") < text.index("The second entry.")
    assert "One" in text


def test_a_member_writes_a_safety_plan_in_the_standard_structure(client_for, member):
    client = client_for(member)
    form = client.get(reverse("selfcare:safety_plan_edit")).content.decode()
    for heading in (
        "My warning signs",
        "Things I can do on my own",
        "People and places that take my mind off things",
        "People I can ask for help",
        "Professionals and services I can contact",
        "Making where I am safer",
        "My reasons for living",
    ):
        assert heading in form
    client.post(
        reverse("selfcare:safety_plan_edit"),
        {"warning_signs": "Not sleeping.", "reasons_for_living": "My sister."},
    )
    plan = SafetyPlan.objects.get(member=member)
    assert "sister" not in stored("selfcare_safetyplan", "reasons_for_living", plan.pk)
    page = client.get(reverse("selfcare:safety_plan")).content.decode()
    assert "Not sleeping." in page and "My sister." in page
    assert "selfcare/selfcare.css" in page  # carries the print stylesheet


def test_an_oversized_plan_section_is_refused_and_the_rest_kept(client_for, member):
    safety_plan_save(member=member, sections={"warning_signs": "Old signs."})
    long = "x" * (PLAN_SECTION_MAX + 1)
    response = client_for(member).post(
        reverse("selfcare:safety_plan_edit"), {"warning_signs": "New signs.", "distractions": long}
    )
    assert response.status_code == 400
    assert b"New signs." in response.content and long.encode() in response.content
    assert SafetyPlan.objects.get(member=member).warning_signs == "Old signs."


def test_another_member_never_sees_a_safety_plan(signed_in, member, other_member):
    safety_plan_save(member=member, sections={"reasons_for_living": "My dog, Pip."})
    page = signed_in(other_member).get(reverse("selfcare:safety_plan")).content
    assert b"Pip" not in page
