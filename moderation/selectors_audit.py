"""Reading the audit log (leads only): search, and names for the pseudonyms shown."""

import datetime

from django.db.models import Q
from django.utils import timezone

from moderation.models import AuditEntry, AuditPseudonym

ERASED = "(erased account)"


def audit_search(*, start, end, action="", actor="", member="", text=""):
    """Entries from the start date to the end date inclusive, newest first.
    `actor` and `member` are handles; a handle without a pseudonym matches nothing."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    day_after = end + datetime.timedelta(days=1)
    until = datetime.datetime.combine(day_after, datetime.time.min, tzinfo=tz)
    entries = AuditEntry.objects.filter(at__gte=since, at__lt=until)
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor__in=_pseudonyms_of(actor))
    if member:
        entries = entries.filter(target__in=_pseudonyms_of(member))
    if text:
        entries = entries.filter(Q(reason__icontains=text) | Q(subject__icontains=text))
    return entries.order_by("-at", "-pk")


def _pseudonyms_of(handle):
    return AuditPseudonym.objects.filter(user__handle__iexact=handle.strip().lstrip("@")).values(
        "pseudonym"
    )


def audit_names(entries) -> dict[str, str]:
    """Handle for each pseudonym in the entries; an erased account has none left."""
    wanted = {entry.actor for entry in entries} | {entry.target for entry in entries}
    wanted.discard("")
    names = dict(
        AuditPseudonym.objects.filter(pseudonym__in=wanted).values_list("pseudonym", "user__handle")
    )
    return {pseudonym: names.get(pseudonym, ERASED) for pseudonym in wanted}
