"""An escalated case: the checklist, break-glass, the outcome; and sanctions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import access
from accounts.reauth import reauthentication_required
from accounts.roles import Role
from moderation.errors import ModerationRefused
from moderation.escalation import escalation_close, escalation_step_record, safety_details_reveal
from moderation.forms_safety import BreakGlassForm, LiftForm, OutcomeForm, SanctionForm, StepForm
from moderation.models import CaseState, ReviewCase, Sanction
from moderation.permissions import CONSOLE, check_case_act, check_case_message
from moderation.sanctions import sanction_issue, sanction_lift
from moderation.views.case import case_page


def _refused_or_back(request, pk, work, success):
    try:
        work()
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("case_detail", pk=pk)
    messages.success(request, success)
    if ReviewCase.objects.filter(pk=pk, state=CaseState.CLOSED).exists():
        return redirect("case_list")
    return redirect("case_detail", pk=pk)


@access(*CONSOLE)
@require_POST
def escalation_step_view(request, pk):
    case = get_object_or_404(ReviewCase, pk=pk)
    form = StepForm(request.POST, prefix="step_form")
    if not form.is_valid():
        return case_page(request, pk, bound={"step_form": form}, status=400)
    data = form.cleaned_data
    return _refused_or_back(
        request, pk,
        lambda: escalation_step_record(case=case, guide=request.user, **data),
        "Step recorded.",
    )  # fmt: skip


@access(*CONSOLE)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@reauthentication_required
def safety_details_view(request, pk):
    """Break-glass. The details are shown in the answer to the POST only, never stored
    in a page a browser or proxy may keep: `Cache-Control: no-store`."""
    case = get_object_or_404(ReviewCase.objects.select_related("author"), pk=pk)
    if not case.is_escalation or case.state != CaseState.OPEN:
        raise Http404("Safety details are only available from an open escalated case.")
    form = BreakGlassForm(request.POST or None)
    context = {"case": case, "form": form, "revealed": False}
    if request.method == "POST" and form.is_valid():
        try:
            details = safety_details_reveal(
                case=case, viewer=request.user, reason=form.cleaned_data["reason"]
            )
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            context.update(revealed=True, details=details)
    status = 400 if form.errors else 200
    response = render(request, "moderation/safety_details.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@access(*CONSOLE)
@require_POST
def escalation_outcome_view(request, pk):
    case = get_object_or_404(ReviewCase, pk=pk)
    form = OutcomeForm(request.POST, prefix="outcome_form")
    try:
        check_case_act(request.user, case)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("case_detail", pk=pk)
    if not form.is_valid():
        return case_page(request, pk, bound={"outcome_form": form}, status=400)
    data = form.cleaned_data
    return _refused_or_back(
        request, pk,
        lambda: escalation_close(
            case=case, guide=request.user, outcome=data["outcome"],
            approve=data["decision"] == "approve", message=data["message"],
        ),
        "Outcome recorded and the case closed.",
    )  # fmt: skip


@access(*CONSOLE)
@require_POST
def case_sanction_view(request, pk):
    case = get_object_or_404(ReviewCase.objects.select_related("author"), pk=pk)
    form = SanctionForm(request.POST, prefix="sanction_form")
    try:
        check_case_message(request.user, case)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("case_detail", pk=pk)
    if not form.is_valid():
        return case_page(request, pk, bound={"sanction_form": form}, status=400)
    return _refused_or_back(
        request, pk,
        lambda: sanction_issue(guide=request.user, member=case.author, case=case,
                               **form.cleaned_data),
        "Sanction issued. The member reads the reason in their messages.",
    )  # fmt: skip


@access(Role.LEAD)
@require_POST
def sanction_lift_view(request, pk):
    sanction = get_object_or_404(Sanction.objects.select_related("member", "case"), pk=pk)
    form = LiftForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        sanction_lift(lead=request.user, sanction=sanction, reason=reason)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Sanction lifted.")
    if sanction.case_id:
        return redirect("case_detail", pk=sanction.case_id)
    return redirect("appeal_list")
