"""The organisation portal's page for its own crisis lines and support services.

It lives here, beside the crisis lines, and joins the portal's URL namespace in
config/urls.py, so organisations/ stays below selfcare/."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import access
from accounts.roles import Role
from organisations.forms import CrisisLineForm
from organisations.views.common import own_organisation
from selfcare.models import CrisisLine
from selfcare.selectors import organisation_crisis_lines
from selfcare.services.crisis import organisation_line_add, organisation_line_remove


@access(Role.ORG_ADMIN)
def crisis_lines(request):
    organisation = own_organisation(request)
    form = CrisisLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        line = organisation_line_add(organisation=organisation, **form.cleaned_data)
        messages.success(request, f"{line.name} is now shown to your members with crisis help.")
        return redirect("portal:crisis_lines")
    context = {"lines": organisation_crisis_lines(organisation), "form": form}
    return render(request, "organisations/crisis_lines.html", context)


@access(Role.ORG_ADMIN)
@require_POST
def crisis_line_remove(request, pk):
    organisation = own_organisation(request)
    line = get_object_or_404(CrisisLine, pk=pk, organisation=organisation)
    organisation_line_remove(line=line)
    messages.success(request, f"{line.name} is no longer shown to your members.")
    return redirect("portal:crisis_lines")
