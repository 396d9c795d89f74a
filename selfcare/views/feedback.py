"""The member feedback survey, and the staff's de-identified export."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import access
from accounts.roles import Role
from selfcare.forms.feedback import FeedbackForm
from selfcare.selectors.feedback import feedback_csv
from selfcare.services.feedback import feedback_offer_close, feedback_submit


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        feedback_submit(member=request.user, **form.cleaned_data)
        feedback_offer_close(request)
        messages.success(request, "Thank you. We read every answer.")
        return redirect("selfcare:home")
    status = 400 if form.errors else 200
    return render(request, "selfcare/feedback.html", {"form": form}, status=status)


@access(Role.MEMBER)
@require_POST
def feedback_not_now(request):
    feedback_offer_close(request)
    return redirect(request.POST.get("next") if _local(request.POST.get("next")) else "/")


def _local(url) -> bool:
    return bool(url) and url.startswith("/") and not url.startswith("//")


@access(Role.STAFF)
@require_safe
def feedback_export(request):
    response = HttpResponse(feedback_csv(), content_type="text/csv; charset=utf-8")
    name = f"harbour-feedback-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
