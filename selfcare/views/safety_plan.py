"""The member's safety plan: read it, print it, change it. Nobody else can see it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.permissions import access
from accounts.roles import Role
from selfcare.forms.private import SafetyPlanForm
from selfcare.models import PLAN_SECTIONS
from selfcare.selectors.private import safety_plan_for
from selfcare.services.private import safety_plan_save


@access(Role.MEMBER)
@require_safe
@never_cache
def safety_plan(request):
    plan = safety_plan_for(member=request.user)
    return render(request, "selfcare/safety_plan.html", {"plan": plan})


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def safety_plan_edit(request):
    plan = safety_plan_for(member=request.user)
    initial = {name: getattr(plan, name) for name, _, _ in PLAN_SECTIONS}
    form = SafetyPlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        safety_plan_save(member=request.user, sections=form.cleaned_data)
        messages.success(request, "Your safety plan is saved.")
        return redirect("selfcare:safety_plan")
    status = 400 if form.errors else 200
    return render(request, "selfcare/safety_plan_edit.html", {"form": form}, status=status)
