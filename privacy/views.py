"""A member's privacy page: their data export, consent, a pause, and erasure."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import PUBLIC, Scope, access
from accounts.reauth import reauthentication_required
from accounts.roles import Role
from accounts.selectors import model_improvement_consented
from privacy.forms import ErasureForm
from privacy.links import LinkRefused, export_id_from, export_token
from privacy.models import DataExport, ExportState
from privacy.services.consent import model_improvement_give, model_improvement_withdraw
from privacy.services.erasure import (
    ErasureRefused,
    account_erase,
    erasure_policy,
    erasure_waits_because,
)
from privacy.services.exports import ExportRefused, export_request
from privacy.services.pause import PauseRefused, pause_and_sign_out
from privacy.tasks import export_enqueue


@access(Role.MEMBER)
@require_safe
@never_cache
def privacy_home(request):
    context = {
        "export": DataExport.objects.filter(member=request.user).first(),
        "consented": model_improvement_consented(request.user),
        "erasure_waits": erasure_waits_because(request.user),
        "export_hours": settings.HARBOUR_EXPORT_HOURS,
    }
    return render(request, "privacy/home.html", context)


@access(Role.MEMBER)
@require_POST
@reauthentication_required
def export_request_view(request):
    try:
        export = export_request(member=request.user, enqueue=export_enqueue)
    except ExportRefused as refusal:
        messages.info(request, str(refusal))
        return redirect("privacy_home")
    return redirect("privacy_export", pk=export.pk)


@access(Role.MEMBER, scope=Scope.OWNER)
@require_safe
@never_cache
def export_status(request, pk):
    export = get_object_or_404(DataExport, pk=pk, member=request.user)
    token = export_token(export) if export.state == ExportState.READY else ""
    return render(request, "privacy/export.html", {"export": export, "token": token})


def _download(request, token, content_type, field, filename):
    try:
        export_id = export_id_from(token, member=request.user)
    except LinkRefused as refusal:
        if refusal.expired:
            return render(request, "privacy/link_expired.html", status=410)
        raise Http404("No such download.") from None
    export = DataExport.objects.filter(pk=export_id, member=request.user).first()
    if export is None:
        raise Http404("No such download.")
    if export.state != ExportState.READY:
        return render(request, "privacy/link_expired.html", status=410)
    response = HttpResponse(getattr(export, field), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@access(Role.MEMBER)
@require_safe
def export_download_json(request, token):
    return _download(request, token, "application/json", "content_json", "harbour-data.json")


@access(Role.MEMBER)
@require_safe
def export_download_html(request, token):
    return _download(
        request, token, "text/html; charset=utf-8", "content_html", "harbour-data.html"
    )


@access(Role.MEMBER)
@require_POST
def consent_view(request):
    if request.POST.get("action") == "withdraw":
        model_improvement_withdraw(member=request.user)
        messages.success(request, "Done. Nothing you write will be used to improve the check.")
    elif request.POST.get("action") == "give":
        model_improvement_give(member=request.user)
        messages.success(
            request, "Thank you. What you write from now on may help improve the check."
        )
    return redirect("privacy_home")


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def pause_view(request):
    if request.method == "POST":
        try:
            pause_and_sign_out(request)
        except PauseRefused as refusal:
            messages.info(request, str(refusal))
            return redirect("privacy_home")
        return redirect("privacy_paused")
    return render(request, "privacy/pause.html")


@access(PUBLIC)
@require_safe
def paused(request):
    return render(request, "privacy/paused.html")


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def erase_view(request):
    waits = erasure_waits_because(request.user)
    form = ErasureForm(request.POST if request.method == "POST" and not waits else None)
    if form.is_bound and form.is_valid():
        try:
            account_erase(member=request.user, password=form.cleaned_data["password"])
        except ErasureRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            logout(request)
            return redirect("privacy_erased")
    status = 400 if form.errors else (409 if waits and request.method == "POST" else 200)
    context = {"form": form, "waits": waits, "policy_keeps": erasure_policy() == "anonymise"}
    return render(request, "privacy/erase.html", context, status=status)


@access(PUBLIC)
@require_safe
def erased(request):
    return render(request, "privacy/erased.html")
