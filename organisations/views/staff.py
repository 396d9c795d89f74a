"""Staff pages: create organisations, set their licence, invite their admins."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from accounts.permissions import access
from accounts.roles import Role
from organisations.branding import member_view_forget
from organisations.forms import InviteForm, LicenceForm, OrganisationCreateForm
from organisations.invites import InviteRefused, org_admin_invite
from organisations.licence import licence_phase
from organisations.models import Organisation


@access(Role.STAFF)
def organisation_list(request):
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, f"{organisation.name} created. Now invite its first admin.")
        return redirect("portal:staff_organisation", pk=organisation.pk)
    organisations = Organisation.objects.defer("logo_png").order_by("name")
    return render(
        request, "organisations/staff_list.html", {"organisations": organisations, "form": form}
    )


@access(Role.STAFF)
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.defer("logo_png"), pk=pk)
    invite_form = InviteForm(request.POST if "invite" in request.POST else None)
    licence_form = LicenceForm(
        request.POST if "licence" in request.POST else None, instance=organisation
    )
    if invite_form.is_bound and invite_form.is_valid():
        try:
            with transaction.atomic():
                org_admin_invite(
                    organisation=organisation,
                    email=invite_form.cleaned_data["email"],
                    invited_by=request.user,
                )
        except InviteRefused as refusal:
            invite_form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, f"Invitation sent to {invite_form.cleaned_data['email']}.")
            return redirect("portal:staff_organisation", pk=pk)
    if licence_form.is_bound and licence_form.is_valid():
        licence_form.save()
        member_view_forget(organisation.pk)
        messages.success(request, "Licence dates saved.")
        return redirect("portal:staff_organisation", pk=pk)
    context = {
        "organisation": organisation,
        "phase": licence_phase(organisation),
        "admins": organisation.members.filter(role=Role.ORG_ADMIN).order_by("email"),
        "invites": organisation.admin_invites.filter(accepted_at__isnull=True).order_by("-pk"),
        "invite_form": invite_form,
        "licence_form": licence_form,
    }
    return render(request, "organisations/staff_detail.html", context)
