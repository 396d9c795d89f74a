"""Signed download links for exports: bound to one export and one member, valid for
HARBOUR_EXPORT_HOURS. The signature covers both ids, so a link copied to someone
else, or altered, opens nothing."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "privacy.export-download"


def export_token(export) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{export.pk}.{export.member_id}")


class LinkRefused(Exception):
    """The link is not (or no longer) good; `expired` says whether it merely ran out."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "bad signature")
        self.expired = expired


def export_id_from(token: str, *, member) -> int:
    """The export the token names, if it is this member's and still in date."""
    max_age = timedelta(hours=settings.HARBOUR_EXPORT_HOURS)
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkRefused(expired=True) from None
    except signing.BadSignature:
        raise LinkRefused(expired=False) from None
    export_id, _, member_id = value.partition(".")
    if member_id != str(member.pk):
        raise LinkRefused(expired=False)
    return int(export_id)
