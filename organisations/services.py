"""Writes about organisations: joining one at sign-up."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from organisations.models import AccessCode, Organisation
from organisations.selectors import access_code_find, organisation_for_email, seats_used


class JoinRefused(Exception):
    """Joining an organisation is not possible; `message` says why in plain words."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Joining:
    organisation: Organisation | None
    access_code: AccessCode | None = None


def access_code_problem(code: AccessCode, *, now=None) -> str | None:
    """Why a code cannot be used now, in words a person can act on, or None."""
    now = now or timezone.now()
    if code.revoked_at is not None:
        return "That access code is no longer active. Please ask your organisation for a new one."
    if code.expires_at is not None and code.expires_at <= now:
        return "That access code has expired. Please ask your organisation for a new one."
    if code.max_uses is not None and code.uses >= code.max_uses:
        return (
            "That access code has been used as many times as it allows. Please ask for a new one."
        )
    return None


def joining_resolve(*, email: str, code: str = "") -> Joining:
    """Work out which organisation, if any, a new member joins. Raises JoinRefused."""
    if code.strip():
        access_code = access_code_find(code)
        if access_code is None:
            raise JoinRefused(
                "access_code",
                "We don't recognise that access code. Check it with your organisation, "
                "or leave the box empty to join without one.",
            )
        problem = access_code_problem(access_code)
        if problem:
            raise JoinRefused("access_code", problem)
        joining = Joining(access_code.organisation, access_code)
    else:
        joining = Joining(organisation_for_email(email))
    _check_seats(joining)
    return joining


def _check_seats(joining: Joining) -> None:
    org = joining.organisation
    if org is not None and org.seat_limit is not None and seats_used(org) >= org.seat_limit:
        field = "access_code" if joining.access_code else "email"
        raise JoinRefused(
            field,
            f"{org.name} has no places left on Harbour right now. Please contact them, "
            "or join without an organisation.",
        )


@transaction.atomic
def joining_claim(joining: Joining) -> None:
    """Take a seat and a use of the code, re-checking under a row lock so two
    sign-ups racing for the last seat cannot both get it."""
    if joining.organisation is None:
        return
    Organisation.objects.select_for_update().get(pk=joining.organisation.pk)
    if joining.access_code is not None:
        code = AccessCode.objects.select_for_update().get(pk=joining.access_code.pk)
        problem = access_code_problem(code)
        if problem:
            raise JoinRefused("access_code", problem)
        AccessCode.objects.filter(pk=code.pk).update(uses=F("uses") + 1)
    _check_seats(joining)
