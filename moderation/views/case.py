"""One case: the page, and claiming, releasing and reassigning it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import access
from accounts.roles import Role
from moderation import forms
from moderation.case_actions import case_viewed
from moderation.claims import case_claim, case_reassign, case_release
from moderation.errors import ModerationRefused
from moderation.forms_safety import OutcomeForm, SanctionForm, StepForm
from moderation.models import ReviewCase
from moderation.permissions import CONSOLE
from moderation.selectors import case_detail, member_timeline, removal_reasons_for
from moderation.selectors_safety import escalation_checklist, member_sanctions

SAFETY_FORMS = {"step_form": StepForm, "outcome_form": OutcomeForm, "sanction_form": SanctionForm}


def case_page(request, pk, *, bound=None, status=200):
    """The case page; `bound` puts back a submitted form with its errors."""
    case = case_detail(pk)
    if case is None:
        raise Http404("No such case.")
    case_viewed(case=case, viewer=request.user)  # an audited read; renews the holder's lease
    page_forms = {name: form_class(prefix=name) for name, form_class in forms.CASE_FORMS.items()}
    page_forms["redact_form"] = forms.RedactForm(prefix="redact_form", initial={"text": case.text})
    page_forms.update({name: form_class(prefix=name) for name, form_class in SAFETY_FORMS.items()})
    page_forms.update(bound or {})
    page_forms["remove_form"].fields["template"].queryset = removal_reasons_for(case.kind)
    context = {
        "case": case,
        "timeline": member_timeline(case.author),
        "is_holder": case.holder is not None and case.holder.pk == request.user.pk,
        "checklist": escalation_checklist(case) if case.is_escalation else None,
        "sanctions": member_sanctions(case.author),
        **page_forms,
    }
    return render(request, "moderation/case_detail.html", context, status=status)


@access(*CONSOLE)
@require_safe
@never_cache
def case_detail_view(request, pk):
    return case_page(request, pk)


@access(*CONSOLE)
@require_POST
def case_claim_view(request, pk):
    case = get_object_or_404(ReviewCase, pk=pk)
    try:
        case_claim(case=case, guide=request.user)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("case_detail", pk=pk)


@access(*CONSOLE)
@require_POST
def case_release_view(request, pk):
    case = get_object_or_404(ReviewCase, pk=pk)
    try:
        case_release(case=case, guide=request.user)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("case_detail", pk=pk)
    messages.success(request, "Released: the case is back in the queue.")
    return redirect("case_list")


@access(Role.LEAD)
@require_POST
def case_reassign_view(request, pk):
    case = get_object_or_404(ReviewCase, pk=pk)
    form = forms.ReassignForm(request.POST, prefix="reassign_form")
    if not form.is_valid():
        return case_page(request, pk, bound={"reassign_form": form}, status=400)
    try:
        case_reassign(
            case=case, lead=request.user, to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
        )  # fmt: skip
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Case given to {form.cleaned_data['to'].handle}.")
    return redirect("case_detail", pk=pk)
