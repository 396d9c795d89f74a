"""The clinical lead's overview of the queue."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.permissions import access
from accounts.roles import Role
from moderation.models import AuditAction, AuditEntry
from moderation.selectors_audit import audit_names
from moderation.sla import OVERVIEW_DAYS, lead_overview


@access(Role.LEAD)
@require_safe
@never_cache
def lead_overview_view(request):
    since = timezone.now() - timedelta(days=OVERVIEW_DAYS)
    reveals = list(
        AuditEntry.objects.filter(action=AuditAction.SAFETY_DETAILS_REVEALED, at__gte=since)[:50]
    )
    names = audit_names(reveals)
    context = {
        **lead_overview(),
        "reveals": [(entry, names.get(entry.actor, "")) for entry in reveals],
    }
    return render(request, "moderation/overview.html", context)
