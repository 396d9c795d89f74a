"""Writes about organisations: joining one at sign-up, and what its admins manage."""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from organisations.licence import licence_ended
from organisations.models import AccessCode, EmailDomain, Organisation
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
    if licence_ended(code.organisation, today=timezone.localdate(now)):
        return (
            "That access code stopped working when the organisation's licence for Harbour "
            "ended. You can still join without a code by leaving the box empty."
        )
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
        code = (
            AccessCode.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=joining.access_code.pk)
        )
        problem = access_code_problem(code)
        if problem:
            raise JoinRefused("access_code", problem)
        AccessCode.objects.filter(pk=code.pk).update(uses=F("uses") + 1)
    _check_seats(joining)


# --- What an organisation's admins manage ---------------------------------------

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _new_code() -> str:
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def access_code_create(
    *, organisation: Organisation, label: str = "", expires_at=None, max_uses=None
) -> AccessCode:
    """A new code of the organisation's, hard to guess, with its limits."""
    while True:
        code = _new_code()
        if not AccessCode.objects.filter(code=code).exists():
            break
    return AccessCode.objects.create(
        organisation=organisation,
        code=code,
        label=label.strip(),
        expires_at=expires_at,
        max_uses=max_uses,
    )


def access_code_revoke(*, code: AccessCode) -> AccessCode:
    """Stop a code working now. Members who joined with it keep their accounts."""
    if code.revoked_at is None:
        code.revoked_at = timezone.now()
        code.save(update_fields=["revoked_at"])
    return code


class DomainRefused(Exception):
    """An email domain that cannot be added; the message says why."""


def email_domain_add(*, organisation: Organisation, domain: str) -> EmailDomain:
    """Let people with an email at `domain` join the organisation at sign-up."""
    domain = domain.strip().lower().lstrip("@")
    taken = EmailDomain.objects.filter(domain__iexact=domain).first()
    if taken is not None:
        if taken.organisation_id == organisation.pk:
            raise DomainRefused(f"{domain} is already one of your domains.")
        raise DomainRefused(
            f"{domain} is already used by another organisation on Harbour. "
            "If it should be yours, please contact Harbour support."
        )
    return EmailDomain.objects.create(organisation=organisation, domain=domain)


def email_domain_remove(*, domain: EmailDomain) -> None:
    """Stop new sign-ups by this domain. People who already joined keep their accounts."""
    domain.delete()


def organisation_settings_save(
    *, organisation: Organisation, seat_limit, minimum_age, allow_domain_signup: bool
) -> Organisation:
    """Save the limits an organisation's admin sets for new sign-ups."""
    organisation.seat_limit = seat_limit
    organisation.minimum_age = minimum_age
    organisation.allow_domain_signup = allow_domain_signup
    organisation.save(update_fields=["seat_limit", "minimum_age", "allow_domain_signup"])
    return organisation
