"""Appeals: a member's standing page (their removals and sanctions, one appeal each),
and the leads' list of appeals to decide."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import access
from accounts.roles import Role
from moderation.errors import ModerationRefused
from moderation.forms_safety import AppealDecisionForm, AppealForm
from moderation.models import Appeal, ReviewCase, Sanction
from moderation.sanctions import appeal_decide, appeal_submit
from moderation.selectors import posting_blocked
from moderation.selectors_safety import appeals_for_leads, member_removals, member_sanctions


def _standing_page(request, form=None, status=200):
    context = {
        "removals": member_removals(request.user),
        "sanctions": member_sanctions(request.user),
        "blocked": posting_blocked(request.user),
        "form": form or AppealForm(),
    }
    return render(request, "moderation/standing.html", context, status=status)


@access(Role.MEMBER)
@require_safe
@never_cache
def member_standing(request):
    return _standing_page(request)


@access(Role.MEMBER)
@require_POST
def appeal_new(request):
    form = AppealForm(request.POST)
    if not form.is_valid():
        return _standing_page(request, form, status=400)
    data = form.cleaned_data
    case = ReviewCase.objects.filter(pk=data["case"], author=request.user).first()
    sanction = Sanction.objects.filter(pk=data["sanction"], member=request.user).first()
    try:
        if (case is None) == (sanction is None):
            raise ModerationRefused("Please choose one removal or sanction to appeal.")
        appeal_submit(member=request.user, text=data["text"], case=case, sanction=sanction)
    except ModerationRefused as refusal:
        form.add_error(None, str(refusal))
        return _standing_page(request, form, status=400)
    messages.success(request, "Appeal sent. A clinical lead will decide, and you'll see it here.")
    return redirect("member_standing")


@access(Role.LEAD)
@require_safe
@never_cache
def appeal_list(request):
    pending, decided = appeals_for_leads()
    context = {"pending": pending, "decided": decided, "form": AppealDecisionForm()}
    return render(request, "moderation/appeals.html", context)


@access(Role.LEAD)
@require_POST
def appeal_decide_view(request, pk):
    appeal = get_object_or_404(Appeal, pk=pk)
    form = AppealDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ModerationRefused("Please choose a decision and write a note to the member.")
        appeal_decide(lead=request.user, appeal=appeal, **form.cleaned_data)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Decided. The member has been told.")
    return redirect("appeal_list")
