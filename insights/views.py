"""The organisation's reports: aggregate figures only, for its own org_admins."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.permissions import access
from accounts.roles import Role
from insights.forms import ReportForm
from insights.pages import csv_rows, report_build
from insights.selectors import offered_labels


def _organisation(request):
    # An org_admin sees only their own organisation: no organisation id is ever taken
    # from the URL, and an admin without one has nothing to see.
    if request.user.organisation_id is None:
        raise Http404("No such page.")
    return request.user.organisation


def _report(request):
    organisation = _organisation(request)
    today = timezone.localdate()
    labels = offered_labels(organisation)
    form = ReportForm(request.GET, today=today, labels=labels)
    if not form.is_valid():
        return organisation, form, None
    report = report_build(
        organisation,
        period=form.cleaned_data["period"],
        label=form.cleaned_data["label"],
        labels=labels,
        today=today,
    )
    return organisation, form, report


@access(Role.ORG_ADMIN)
def dashboard(request):
    organisation, form, report = _report(request)
    context = {"organisation": organisation, "form": form, "report": report}
    return render(request, "insights/dashboard.html", context, status=200 if report else 400)


@access(Role.ORG_ADMIN)
def dashboard_csv(request):
    organisation, form, report = _report(request)
    if report is None:
        context = {"organisation": organisation, "form": form, "report": None}
        return render(request, "insights/dashboard.html", context, status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"harbour-report-{report.period.value}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    csv.writer(response).writerows(csv_rows(report))
    return response
