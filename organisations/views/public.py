"""Pages reached from outside the portal: accepting an invitation, and the branding
files members' pages load (confined to the organisation's own people)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control

from accounts.permissions import PUBLIC, access
from accounts.roles import Role
from organisations.branding import COLOUR
from organisations.forms import InviteAcceptForm
from organisations.invites import InviteRefused, invite_accept, invite_for_token
from organisations.models import Organisation


@access(PUBLIC)
def invite_accept_view(request, token):
    invite = invite_for_token(token)
    if invite is None:
        return render(request, "organisations/invite_expired.html", status=410)
    form = InviteAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invite_accept(token=token, password=form.cleaned_data["password"])
        except InviteRefused as refusal:
            form.add_error(None if refusal.field == "__all__" else refusal.field, refusal.message)
        else:
            messages.success(
                request,
                "Your admin account is ready. Sign in with your email and new password; "
                "you'll then set up an authenticator app, which the portal needs.",
            )
            return redirect("account_login")
    return render(request, "organisations/invite_accept.html", {"invite": invite, "form": form})


def _own_organisation_or_404(request, pk) -> Organisation:
    if getattr(request.user, "organisation_id", None) != pk:
        raise Http404("No such page.")
    return Organisation.objects.get(pk=pk)


@access(Role.MEMBER, Role.ORG_ADMIN)
@cache_control(private=True, max_age=86400)
def organisation_logo(request, pk):
    organisation = _own_organisation_or_404(request, pk)
    if not organisation.logo_updated_at:
        raise Http404("No logo.")
    return HttpResponse(bytes(organisation.logo_png), content_type="image/png")


@access(Role.MEMBER, Role.ORG_ADMIN)
@cache_control(private=True, max_age=300)
def organisation_brand_css(request, pk):
    organisation = _own_organisation_or_404(request, pk)
    css = ""
    # Checked when saved through the portal; checked again here, as the admin site can edit it.
    if COLOUR.match(organisation.accent_colour):
        css = f":root {{ --accent: {organisation.accent_colour}; --accent-ink: #ffffff; }}\n"
    return HttpResponse(css, content_type="text/css")
