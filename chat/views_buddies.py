"""Buddy pages: the opt-in profile, suggestions to accept or decline, buddies to
unmatch or block, and the private check-in a week into each match."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import Scope, access
from accounts.roles import Role
from chat.delivery import checkin_check
from chat.forms import DIAGNOSIS_RISKS, BuddyProfileForm, CheckInForm
from chat.models import BuddyCheckIn, BuddyMatch, BuddyProfile
from chat.services import MessageRefused
from chat.services_buddies import (
    buddy_profile_save,
    match_accept,
    match_decline,
    match_end,
    matches_for,
)
from chat.services_checkins import checkin_answer, checkins_waiting


@access(Role.MEMBER)
@require_safe
def buddy_home(request):
    profile = BuddyProfile.objects.filter(user=request.user).first()
    matches = [(match, match.other(request.user)) for match in matches_for(request.user)]
    context = {"profile": profile, "matches": matches, "checkins": checkins_waiting(request.user)}
    return render(request, "chat/buddies.html", context)


@access(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def buddy_profile(request):
    instance = BuddyProfile.objects.filter(user=request.user).first()
    form = BuddyProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "risks_understood"}
        buddy_profile_save(user=request.user, **fields)
        messages.success(request, "Saved. We'll suggest buddies here when we find a good match.")
        return redirect("buddy_home")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "risks": DIAGNOSIS_RISKS}
    return render(request, "chat/buddy_profile.html", context, status=status)


def _decide_on_match(request, match_id, service, done: str):
    mine = Q(first=request.user) | Q(second=request.user)
    match = get_object_or_404(BuddyMatch.objects.filter(mine), pk=match_id)
    try:
        service(match=match, user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("buddy_home")


@access(Role.MEMBER)
@require_POST
def buddy_match_accept(request, match_id):
    return _decide_on_match(
        request, match_id, match_accept, "Accepted. Your chat opens when they accept too."
    )


@access(Role.MEMBER)
@require_POST
def buddy_match_decline(request, match_id):
    return _decide_on_match(
        request,
        match_id,
        match_decline,
        "Declined. They won't be told why, and won't be suggested again.",
    )


@access(Role.MEMBER)
@require_POST
def buddy_match_end(request, match_id):
    return _decide_on_match(
        request, match_id, match_end, "You're no longer buddies. They won't be told why."
    )


@access(Role.MEMBER, scope=Scope.OWNER)
@require_http_methods(["GET", "POST"])
def buddy_checkin(request, checkin_id):
    checkin = get_object_or_404(
        BuddyCheckIn.objects.select_related("match__first", "match__second"),
        pk=checkin_id, author=request.user, answered_at__isnull=True,
    )  # fmt: skip
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            checkin = checkin_answer(
                checkin=checkin, user=request.user, text=form.cleaned_data["answer"]
            )
        except (MessageRefused, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            checkin_check(checkin)
            messages.success(request, "Thank you for telling us how it's going.")
            return redirect("buddy_home")
    buddy = checkin.match.other(request.user)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "buddy": buddy}
    return render(request, "chat/buddy_checkin.html", context, status=status)
