"""What a member sees of the organisation they joined through: its branding, and a
notice once its licence has ended."""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.roles import Role
from organisations.branding import member_view_key
from organisations.licence import licence_notice
from organisations.models import Organisation

MEMBER_VIEW_SECONDS = 300


@dataclass(frozen=True)
class MemberOrganisation:
    pk: int
    shown_name: str
    accent_colour: str
    logo_version: int  # 0: no logo
    notice: str

    @property
    def logo_url(self) -> str:
        if not self.logo_version:
            return ""
        return reverse("portal:organisation_logo", args=[self.pk]) + f"?v={self.logo_version}"

    @property
    def brand_css_url(self) -> str:
        return reverse("portal:organisation_brand_css", args=[self.pk])


def _member_view(organisation_id: int) -> MemberOrganisation | None:
    key = member_view_key(organisation_id)
    # Cached without the notice's day, so a page costs no query; the notice depends on today.
    cached = cache.get(key)
    if cached is None:
        organisation = Organisation.objects.defer("logo_png").filter(pk=organisation_id).first()
        if organisation is None:
            return None
        cached = {
            "name": organisation.name,
            "display_name": organisation.display_name,
            "accent_colour": organisation.accent_colour,
            "logo_version": int(organisation.logo_updated_at.timestamp())
            if organisation.logo_updated_at
            else 0,
            "ends_on": organisation.licence_ends_on,
        }
        cache.set(key, cached, MEMBER_VIEW_SECONDS)
    shell = Organisation(
        pk=organisation_id,
        name=cached["name"],
        display_name=cached["display_name"],
        licence_ends_on=cached["ends_on"],
    )
    return MemberOrganisation(
        pk=organisation_id,
        shown_name=shell.shown_name,
        accent_colour=cached["accent_colour"],
        logo_version=cached["logo_version"],
        notice=licence_notice(shell),
    )


def member_organisation(request):
    """`member_organisation` for members who joined through an organisation; lazy, and
    from the cache when warm, so pages pay no query for it."""
    user = getattr(request, "user", None)
    if not _shown_to(user):
        return {}
    return {"member_organisation": SimpleLazyObject(lambda: _member_view(user.organisation_id))}


def member_organisation_for(user) -> MemberOrganisation | None:
    """What `member_organisation` shows `user`, at once (None: nothing)."""
    return _member_view(user.organisation_id) if _shown_to(user) else None


def _shown_to(user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.role == Role.MEMBER
        and bool(user.organisation_id)
    )
