"""The audit log, for clinical leads: search a date range, or export it as CSV."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.permissions import access
from accounts.roles import Role
from moderation.audit import audit_record
from moderation.forms import AuditSearchForm
from moderation.models import AuditAction
from moderation.selectors_audit import audit_names, audit_search

PER_PAGE = 100
COLUMNS = [
    "at", "actor", "actor_pseudonym", "actor_role", "action", "member", "member_pseudonym",
    "subject", "reason", "before", "after", "diff", "request_id",
]  # fmt: skip


@access(Role.LEAD)
@require_safe
@never_cache
def audit_log(request):
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "moderation/audit_log.html", {"form": form}, status=400)
    _record_reading(request, AuditAction.AUDIT_SEARCHED)
    entries = audit_search(**form.cleaned_data)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    names = audit_names(page.object_list)
    rows = [(entry, names.get(entry.actor, ""), names.get(entry.target, "")) for entry in page]
    context = {"form": form, "page": page, "rows": rows}
    return render(request, "moderation/audit_log.html", context)


@access(Role.LEAD)
@require_safe
@never_cache
def audit_export(request):
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "moderation/audit_log.html", {"form": form}, status=400)
    _record_reading(request, AuditAction.AUDIT_EXPORTED)
    entries = list(audit_search(**form.cleaned_data))
    names = audit_names(entries)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    # At most a year of entries, built in memory: an ordinary response, so every
    # privacy check that reads a page's content reads this one too.
    response = HttpResponse("".join(_csv_lines(entries, names)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="harbour-audit-{start}-{end}.csv"'
    return response


def _record_reading(request, action):
    query = "&".join(f"{key}={value}" for key, value in request.GET.items() if value)
    audit_record(actor=request.user, action=action, reason=query[:500])


class _Echo:
    def write(self, value):
        return value


def _csv_lines(entries, names):
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for entry in entries:
        row = [
            entry.at.isoformat(), names.get(entry.actor, ""), entry.actor, entry.actor_role,
            entry.action, names.get(entry.target, ""), entry.target, entry.subject, entry.reason,
            entry.before, entry.after, entry.diff, entry.request_id,
        ]  # fmt: skip
        yield writer.writerow([_safe_cell(value) for value in row])


def _safe_cell(value: str) -> str:
    # A member's words opened in a spreadsheet must never run as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
