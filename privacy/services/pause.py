"""A pause: a member takes a break short of erasure, and comes back by signing in.

While paused the member is signed out and not matched with buddies; everything
they wrote and keep stays as it was. Signing in again ends the pause and turns
buddy matching back on if it was on before.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.db import IntegrityError, transaction
from django.utils import timezone

from chat.models import BuddyProfile
from privacy.models import AccountPause


class PauseRefused(Exception):
    """The pause cannot start; the message says why."""


def pause_current(member) -> AccountPause | None:
    return AccountPause.objects.filter(member=member, ended_at__isnull=True).first()


@transaction.atomic
def account_pause(*, member) -> AccountPause:
    """Start a pause: buddy matching off (remembered), no new matches. The view signs out."""
    profile = BuddyProfile.objects.select_for_update().filter(user=member).first()
    try:
        with transaction.atomic():
            pause = AccountPause.objects.create(
                member=member, buddy_profile_was_active=bool(profile and profile.is_active)
            )
    except IntegrityError:
        raise PauseRefused("Your account is already paused.") from None
    if profile is not None and profile.is_active:
        profile.is_active = False
        profile.save(update_fields=["is_active"])
    return pause


@transaction.atomic
def account_resume(*, member) -> AccountPause | None:
    """End the member's pause, if there is one, and restore buddy matching."""
    pause = (
        AccountPause.objects.select_for_update()
        .filter(member=member, ended_at__isnull=True)
        .first()
    )
    if pause is None:
        return None
    pause.ended_at = timezone.now()
    pause.save(update_fields=["ended_at"])
    if pause.buddy_profile_was_active:
        BuddyProfile.objects.filter(user=member).update(is_active=True)
    return pause


def pause_end_on_sign_in(sender, request, user, **kwargs):
    """allauth's user_logged_in receiver (privacy.apps): signing in is the way back."""
    if account_resume(member=user) is not None:
        messages.success(request, "Welcome back. Everything is just as you left it.")


def pause_and_sign_out(request) -> AccountPause:
    pause = account_pause(member=request.user)
    logout(request)
    return pause
