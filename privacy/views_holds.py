"""Legal holds for clinical leads: place one on an account under escalation, lift it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.permissions import access
from accounts.roles import Role
from privacy.forms import LegalHoldForm
from privacy.models import LegalHold
from privacy.services.holds import HoldRefused, legal_hold_lift, legal_hold_place


@access(Role.LEAD)
@require_http_methods(["GET", "HEAD", "POST"])
def legal_holds(request):
    form = LegalHoldForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        handle = form.cleaned_data["handle"].strip().lstrip("@")
        member = User.objects.filter(handle__iexact=handle).first()
        try:
            if member is None:
                raise HoldRefused("No member has that handle. Check the spelling on the case.")
            legal_hold_place(lead=request.user, member=member, reason=form.cleaned_data["reason"])
        except HoldRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{member.handle}'s account is on hold: erasure waits.")
            return redirect("privacy_legal_holds")
    holds = LegalHold.objects.filter(lifted_at__isnull=True).select_related("member", "placed_by")
    status = 400 if form.errors else 200
    return render(
        request, "privacy/legal_holds.html", {"form": form, "holds": holds}, status=status
    )


@access(Role.LEAD)
@require_POST
def legal_hold_lift_view(request, pk):
    hold = get_object_or_404(LegalHold, pk=pk)
    legal_hold_lift(lead=request.user, hold=hold)
    messages.success(request, "The hold is lifted. The member may erase their account again.")
    return redirect("privacy_legal_holds")
