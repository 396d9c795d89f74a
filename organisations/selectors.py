"""Reads about organisations."""

from organisations.models import AccessCode, EmailDomain, Organisation, normalise_code


def seats_used(organisation: Organisation) -> int:
    return organisation.members.count()


def access_code_find(code: str) -> AccessCode | None:
    return (
        AccessCode.objects.select_related("organisation").filter(code=normalise_code(code)).first()
    )


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation whose domain the email belongs to, if it allows domain sign-up."""
    domain = email.rpartition("@")[2].strip().lower()
    match = (
        EmailDomain.objects.select_related("organisation")
        .filter(domain=domain, organisation__allow_domain_signup=True)
        .first()
    )
    return match.organisation if match else None
