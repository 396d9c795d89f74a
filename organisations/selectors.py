"""Reads about organisations."""

from accounts.roles import Role
from organisations.licence import licence_ended
from organisations.models import AccessCode, EmailDomain, Organisation, normalise_code


def seats_used(organisation: Organisation) -> int:
    """Members who joined through the organisation; its admins hold no seat."""
    return organisation.members.filter(role=Role.MEMBER).count()


def access_code_find(code: str) -> AccessCode | None:
    return (
        AccessCode.objects.select_related("organisation").filter(code=normalise_code(code)).first()
    )


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation whose domain the email belongs to, if it allows domain sign-up
    and its licence has not ended."""
    domain = email.rpartition("@")[2].strip().lower()
    match = (
        EmailDomain.objects.select_related("organisation")
        .filter(domain=domain, organisation__allow_domain_signup=True)
        .first()
    )
    if match is None or licence_ended(match.organisation):
        return None
    return match.organisation


def access_codes_for(organisation: Organisation) -> list[AccessCode]:
    """The organisation's codes, newest first. Uses are counts: who used one is never shown."""
    return list(organisation.access_codes.order_by("-created_at", "-pk"))


def email_domains_for(organisation: Organisation) -> list[EmailDomain]:
    return list(organisation.email_domains.order_by("domain"))
