"""Writes to a member's safety plan and journal. Nothing here is moderated or shared."""

from django.utils import timezone

from selfcare.models import PLAN_SECTIONS, JournalEntry, SafetyPlan

PLAN_SECTION_MAX = 3000
JOURNAL_TITLE_MAX = 120
JOURNAL_BODY_MAX = 20000


def safety_plan_save(*, member, sections: dict[str, str]) -> SafetyPlan:
    """Keep the member's plan; sections not given stay as they were."""
    plan, _ = SafetyPlan.objects.get_or_create(member=member)
    for name, _heading, _prompt in PLAN_SECTIONS:
        if name in sections:
            setattr(plan, name, sections[name].strip())
    plan.updated_at = timezone.now()
    plan.save()
    return plan


def journal_entry_create(*, member, title: str, body: str) -> JournalEntry:
    """A new private entry."""
    return JournalEntry.objects.create(member=member, title=title.strip(), body=body.strip())


def journal_entry_update(*, entry: JournalEntry, title: str, body: str) -> JournalEntry:
    """Change an entry's words; it keeps the day it was written."""
    entry.title, entry.body, entry.updated_at = title.strip(), body.strip(), timezone.now()
    entry.save(update_fields=["title", "body", "updated_at"])
    return entry


def journal_entry_delete(*, entry: JournalEntry) -> None:
    """Gone for good: there is no copy anywhere else."""
    entry.delete()
