"""Reads of a member's own safety plan and journal."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from selfcare.models import JournalEntry, SafetyPlan


def safety_plan_for(*, member) -> SafetyPlan:
    """The member's plan, or an empty unsaved one."""
    return SafetyPlan.objects.filter(member=member).first() or SafetyPlan(member=member)


def journal_entries_for(*, member):
    return JournalEntry.objects.filter(member=member)


def journal_entry_for(*, member, pk: int) -> JournalEntry:
    """The member's own entry, or 404."""
    return get_object_or_404(JournalEntry, pk=pk, member=member)


def journal_export_text(*, member) -> str:
    """Every entry, oldest first, as plain text the member can keep."""
    parts = [f"My Harbour journal, exported on {timezone.localdate():%d %B %Y}", ""]
    for entry in journal_entries_for(member=member).order_by("created_at", "pk"):
        written = timezone.localtime(entry.created_at)
        parts += ["=" * 40, f"{written:%d %B %Y, %H:%M}"]
        if entry.title:
            parts.append(entry.title)
        parts += ["", entry.body, ""]
    return "\n".join(parts) + "\n"
