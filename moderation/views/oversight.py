"""Model oversight: the leads' list of sampled automatic publications, and their verdicts."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import access
from accounts.roles import Role
from moderation.errors import ModerationRefused
from moderation.forms import OversightHoldForm
from moderation.models import OversightSample
from moderation.oversight import oversight_sample_confirm, oversight_sample_hold
from moderation.selectors_oversight import oversight_rows


@access(Role.LEAD)
@require_safe
@never_cache
def oversight_list(request):
    waiting = OversightSample.objects.filter(reviewed_at__isnull=True).select_related("assessment")
    page = Paginator(waiting, settings.HARBOUR_CASE_QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "rows": oversight_rows(page.object_list), "form": OversightHoldForm()}
    return render(request, "moderation/oversight.html", context)


@access(Role.LEAD)
@require_POST
def oversight_confirm_view(request, pk):
    sample = get_object_or_404(OversightSample, pk=pk)
    try:
        oversight_sample_confirm(sample=sample, lead=request.user)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Kept as rightly published.")
    return redirect("oversight_list")


@access(Role.LEAD)
@require_POST
def oversight_hold_view(request, pk):
    sample = get_object_or_404(OversightSample, pk=pk)
    form = OversightHoldForm(request.POST)
    try:
        if not form.is_valid():
            raise ModerationRefused("Please say why it should have been held.")
        sample = oversight_sample_hold(sample=sample, lead=request.user, **form.cleaned_data)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("oversight_list")
    if sample.case_id:
        messages.success(
            request, f"Taken out of view; case {sample.case_id} is open for the guides."
        )
    else:
        messages.success(request, "Kept as should have been held. The item is no longer up.")
    return redirect("oversight_list")
