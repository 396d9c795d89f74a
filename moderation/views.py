"""A minimal review list: guides approve or remove held items.

The full console (claiming, SLAs, escalation) builds on this.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import access
from accounts.roles import Role
from moderation.models import CaseState, ReviewCase
from moderation.selectors import open_cases
from moderation.services import ModerationRefused, case_approve, case_remove

REVIEWERS = (Role.GUIDE, Role.LEAD, Role.STAFF)


@access(*REVIEWERS)
def case_list(request):
    return render(request, "moderation/case_list.html", {"cases": open_cases()})


@access(*REVIEWERS)
@require_POST
def case_decide(request, pk):
    case = get_object_or_404(ReviewCase, pk=pk, state=CaseState.OPEN)
    try:
        if request.POST.get("decision") == "approve":
            case_approve(case=case, guide=request.user, message=request.POST.get("message", ""))
        else:
            case_remove(case=case, guide=request.user, reason=request.POST.get("message", ""))
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("case_list")
