"""The organisation admin's portal: access codes, email domains, seats and limits,
branding. Every page is confined to the admin's own organisation, and no page lists,
names or links to an individual member: only counts."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.permissions import access
from accounts.roles import Role
from organisations.branding import BrandingRefused, branding_save
from organisations.forms import AccessCodeForm, BrandingForm, EmailDomainForm, SettingsForm
from organisations.licence import grace_ends_on, licence_phase
from organisations.models import AccessCode, EmailDomain
from organisations.selectors import access_codes_for, email_domains_for, seats_used
from organisations.services import (
    DomainRefused,
    access_code_create,
    access_code_revoke,
    email_domain_add,
    email_domain_remove,
    organisation_settings_save,
)
from organisations.views.common import own_organisation


@access(Role.ORG_ADMIN)
def portal_home(request):
    organisation = own_organisation(request)
    context = {
        "organisation": organisation,
        "phase": licence_phase(organisation),
        "grace_ends_on": grace_ends_on(organisation),
        "seats_used": seats_used(organisation),
    }
    return render(request, "organisations/portal_home.html", context)


@access(Role.ORG_ADMIN)
def access_codes(request):
    organisation = own_organisation(request)
    form = AccessCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = access_code_create(
            organisation=organisation,
            label=form.cleaned_data["label"],
            expires_at=form.expires_at(),
            max_uses=form.cleaned_data["max_uses"],
        )
        messages.success(request, f"New access code: {code.code}")
        return redirect("portal:access_codes")
    context = {
        "organisation": organisation,
        "codes": access_codes_for(organisation),
        "form": form,
        "now": timezone.now(),
    }
    return render(request, "organisations/access_codes.html", context)


@access(Role.ORG_ADMIN)
@require_POST
def access_code_revoke_view(request, pk):
    code = get_object_or_404(AccessCode, pk=pk, organisation=own_organisation(request))
    access_code_revoke(code=code)
    messages.success(
        request, f"{code.code} no longer works. Nobody who joined with it is affected."
    )
    return redirect("portal:access_codes")


@access(Role.ORG_ADMIN)
def email_domains(request):
    """Adding a domain takes two steps: the form, then a page saying what it means."""
    organisation = own_organisation(request)
    form = EmailDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["confirmed"]:
            return render(request, "organisations/domain_add_confirm.html", {"form": form})
        try:
            domain = email_domain_add(organisation=organisation, domain=form.cleaned_data["domain"])
        except DomainRefused as refusal:
            form.add_error("domain", str(refusal))
        else:
            messages.success(request, f"People with an email at {domain.domain} can now join.")
            return redirect("portal:email_domains")
    context = {
        "organisation": organisation,
        "domains": email_domains_for(organisation),
        "form": form,
    }
    return render(request, "organisations/email_domains.html", context)


@access(Role.ORG_ADMIN)
def email_domain_remove_view(request, pk):
    domain = get_object_or_404(EmailDomain, pk=pk, organisation=own_organisation(request))
    if request.method == "POST":
        email_domain_remove(domain=domain)
        messages.success(
            request, f"{domain.domain} removed. Nobody who already joined is affected."
        )
        return redirect("portal:email_domains")
    return render(request, "organisations/domain_remove_confirm.html", {"domain": domain})


@access(Role.ORG_ADMIN)
def organisation_settings(request):
    organisation = own_organisation(request)
    form = SettingsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation_settings_save(organisation=organisation, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("portal:settings")
    context = {"organisation": organisation, "form": form, "seats_used": seats_used(organisation)}
    return render(request, "organisations/settings.html", context)


@access(Role.ORG_ADMIN)
def branding(request):
    organisation = own_organisation(request)
    initial = {
        "display_name": organisation.display_name,
        "accent_colour": organisation.accent_colour,
    }
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            branding_save(organisation=organisation, **form.cleaned_data)
        except BrandingRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Your branding is saved. Your members see it from now on.")
            return redirect("portal:branding")
    return render(
        request, "organisations/branding.html", {"organisation": organisation, "form": form}
    )
