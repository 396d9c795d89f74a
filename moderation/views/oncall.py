"""The on-call rota (guides read it, leads change it) and console notices."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import access
from accounts.roles import Role
from moderation.errors import ModerationRefused
from moderation.forms_safety import ShiftForm
from moderation.models import ConsoleAlert, OnCallShift
from moderation.oncall import oncall_shift_add, oncall_shift_remove
from moderation.permissions import CONSOLE
from moderation.selectors_safety import guides_on_duty, rota_shifts, rota_zone


def _rota_page(request, form, status=200):
    context = {
        "form": form,
        "shifts": rota_shifts(),
        "on_duty": guides_on_duty(),
        "zone": rota_zone(),
    }
    return render(request, "moderation/oncall.html", context, status=status)


@access(*CONSOLE)
@require_safe
@never_cache
def oncall_rota(request):
    return _rota_page(request, ShiftForm())


@access(Role.LEAD)
@require_POST
def oncall_shift_add_view(request):
    form = ShiftForm(request.POST)
    if not form.is_valid():
        return _rota_page(request, form, status=400)
    data = form.cleaned_data
    try:
        oncall_shift_add(
            lead=request.user, guide=data["guide"], starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )  # fmt: skip
    except ModerationRefused as refusal:
        form.add_error(None, str(refusal))
        return _rota_page(request, form, status=400)
    messages.success(request, f"{data['guide'].handle} is on the rota.")
    return redirect("oncall_rota")


@access(Role.LEAD)
@require_POST
def oncall_shift_remove_view(request, pk):
    shift = get_object_or_404(OnCallShift.objects.select_related("guide"), pk=pk)
    oncall_shift_remove(lead=request.user, shift=shift)
    messages.success(request, "Shift removed from the rota.")
    return redirect("oncall_rota")


@access(*CONSOLE)
@require_POST
def alerts_dismiss(request):
    waiting = ConsoleAlert.objects.filter(recipient=request.user, dismissed_at__isnull=True)
    waiting.update(dismissed_at=timezone.now())
    return redirect("case_list")
