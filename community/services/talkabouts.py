"""Joining and leaving Talkabouts; a member's reading preferences."""

from django.utils import timezone

from community.models import ContentWarning, MemberPreferences, Talkabout, TalkaboutMembership


def talkabout_join(*, user, talkabout: Talkabout) -> None:
    TalkaboutMembership.objects.get_or_create(user=user, talkabout=talkabout)


def talkabout_leave(*, user, talkabout: Talkabout) -> None:
    TalkaboutMembership.objects.filter(user=user, talkabout=talkabout).delete()


def preferences_for(user) -> MemberPreferences:
    prefs, _ = MemberPreferences.objects.get_or_create(
        user=user, defaults={"collapsed_warnings": list(ContentWarning.values)}
    )
    return prefs


def preferences_update(*, user, collapsed_warnings: list[str]) -> MemberPreferences:
    """Choose which content warnings stay collapsed until opened."""
    prefs = preferences_for(user)
    prefs.collapsed_warnings = [w for w in collapsed_warnings if w in ContentWarning.values]
    prefs.save(update_fields=["collapsed_warnings"])
    return prefs


def welcome_done(*, user) -> None:
    prefs = preferences_for(user)
    if prefs.welcomed_at is None:
        prefs.welcomed_at = timezone.now()
        prefs.save(update_fields=["welcomed_at"])
