"""Self-assessments: take one, see the result (with crisis help when it is needed),
ask a Wall Guide for contact, and see the trend. Members only, their own results only."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import Scope, access
from accounts.roles import Role
from selfcare.forms.assessments import AlertConsentForm, SelfAssessmentForm
from selfcare.instruments import ANSWERS, INSTRUMENTS, QUESTION
from selfcare.selectors import crisis_lines_for
from selfcare.selectors.assessments import (
    crisis_help_needed,
    self_assessment_for,
    self_assessment_history,
)
from selfcare.services.assessments import (
    AlertRefused,
    self_assessment_alert_open,
    self_assessment_take,
)


@access(Role.MEMBER)
@never_cache
def assessment_list(request):
    history = self_assessment_history(member=request.user)
    return render(request, "selfcare/assessment_list.html", {"history": history})


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def assessment_take(request, kind):
    instrument = INSTRUMENTS.get(kind)
    if instrument is None:
        raise Http404("No such questionnaire.")
    form = SelfAssessmentForm(instrument, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = self_assessment_take(member=request.user, kind=kind, answers=form.answers())
        return redirect("selfcare:assessment_result", pk=result.pk)
    context = {"instrument": instrument, "form": form, "question": QUESTION, "answers": ANSWERS}
    status = 400 if form.errors else 200
    return render(request, "selfcare/assessment_take.html", context, status=status)


@access(Role.MEMBER, scope=Scope.OWNER)
@never_cache
def assessment_result(request, pk):
    result = self_assessment_for(member=request.user, pk=pk)
    return _result_page(request, result, AlertConsentForm())


@access(Role.MEMBER, scope=Scope.OWNER)
@require_POST
def assessment_alert(request, pk):
    result = self_assessment_for(member=request.user, pk=pk)
    form = AlertConsentForm(request.POST)
    if form.is_valid():
        try:
            self_assessment_alert_open(
                member=request.user, assessment=result, note=form.cleaned_data["note"]
            )
        except AlertRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Thank you for telling us. A Wall Guide will contact you.")
            return redirect("selfcare:assessment_result", pk=result.pk)
    return _result_page(request, result, form, status=400)


def _result_page(request, result, form, status=200):
    crisis = crisis_help_needed(result)
    user = request.user
    context = {
        "result": result,
        "instrument": INSTRUMENTS[result.kind],
        "crisis": crisis,
        "lines": crisis_lines_for(country=str(user.country or ""), organisation=user.organisation)
        if crisis
        else [],
        "alert": getattr(result, "alert", None),
        "form": form,
    }
    return render(request, "selfcare/assessment_result.html", context, status=status)
