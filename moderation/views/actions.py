"""A guide's actions on a case they hold. Each is a POST form; a refusal or a form
error shows the case again with the reason, and what the guide typed kept."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from accounts.permissions import access
from moderation import case_actions, services
from moderation.errors import ModerationRefused
from moderation.forms import CASE_FORMS
from moderation.models import CaseState, ReviewCase
from moderation.permissions import CONSOLE, check_case_act, check_case_message
from moderation.views.case import case_page


def _act(request, pk, name, act, check=check_case_act):
    """Check the claim and the form, then `act(case, data)`, which says what was done."""
    case = get_object_or_404(ReviewCase, pk=pk)
    form = CASE_FORMS[name](request.POST, prefix=name)
    try:
        check(request.user, case)
        if not form.is_valid():
            return case_page(request, pk, bound={name: form}, status=400)
        done = act(case, form.cleaned_data)
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return case_page(request, pk, bound={name: form}, status=403)
    messages.success(request, done)
    case.refresh_from_db(fields=["state"])
    if case.state == CaseState.CLOSED:
        return redirect("case_list")
    return redirect("case_detail", pk=pk)


@access(*CONSOLE)
@require_POST
def case_approve_view(request, pk):
    def act(case, data):
        services.case_approve(case=case, guide=request.user, message=data["message"])
        return "Approved. The author has been told."

    return _act(request, pk, "approve_form", act)


@access(*CONSOLE)
@require_POST
def case_redact_view(request, pk):
    def act(case, data):
        services.case_approve_redacted(
            case=case, guide=request.user, text=data["text"], why=data["why"]
        )
        return "Approved with your edit. The author has been told what changed and why."

    return _act(request, pk, "redact_form", act)


@access(*CONSOLE)
@require_POST
def case_remove_view(request, pk):
    def act(case, data):
        services.case_remove(case=case, guide=request.user, reason=data["reason"])
        return "Removed. The author has been told why."

    return _act(request, pk, "remove_form", act)


@access(*CONSOLE)
@require_POST
def case_message_view(request, pk):
    def act(case, data):
        case_actions.member_message_send(case=case, guide=request.user, body=data["body"])
        return "Sent. The member sees it from “Wall Guides” and can reply."

    return _act(request, pk, "message_form", act, check=check_case_message)


@access(*CONSOLE)
@require_POST
def case_escalate_view(request, pk):
    def act(case, data):
        case_actions.case_escalate(case=case, guide=request.user, reason=data["reason"])
        return "Escalated: the case is urgent."

    return _act(request, pk, "escalate_form", act)


@access(*CONSOLE)
@require_POST
def case_note_view(request, pk):
    def act(case, data):
        case_actions.case_note_add(case=case, guide=request.user, text=data["text"])
        return "Note added."

    return _act(request, pk, "note_form", act)


@access(*CONSOLE)
@require_POST
def case_hold_recent_view(request, pk):
    def act(case, data):
        count = case_actions.member_recent_items_hold(
            case=case, guide=request.user, reason=data["reason"]
        )
        items = "item" if count == 1 else "items"
        return f"{count} recent {items} taken out of view, each with a case of its own."

    return _act(request, pk, "hold_form", act)
