"""The queue of open cases, and "Next case"."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import access
from moderation.claims import case_claim_next
from moderation.forms import QueueFilterForm
from moderation.permissions import CONSOLE
from moderation.selectors import case_queue, member_replies_waiting, queue_rows
from moderation.selectors_safety import alerts_for


@access(*CONSOLE)
@require_safe
@never_cache
def case_list(request):
    form = QueueFilterForm(request.GET or None)
    cases = case_queue(viewer=request.user, filters=form.filters())
    page = Paginator(cases, settings.HARBOUR_CASE_QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "cases": queue_rows(page.object_list),
        "replies": member_replies_waiting(),
        "alerts": alerts_for(request.user),
    }
    if request.headers.get("X-Harbour-Fragment") == "queue":  # the live console, refreshing
        return render(request, "moderation/_queue_table.html", context)
    return render(request, "moderation/case_list.html", context)


@access(*CONSOLE)
@require_POST
def case_next(request):
    case = case_claim_next(guide=request.user)
    if case is None:
        messages.info(request, "Nothing is waiting for a guide right now. Thank you.")
        return redirect("case_list")
    return redirect("case_detail", pk=case.pk)
