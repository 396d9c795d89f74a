"""Whether this session has passed a second factor.

allauth keeps a log of the ways a session authenticated; this module is the
one place that reads it, so an allauth upgrade touches nothing else.
"""

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.mfa.signals import authenticator_added
from allauth.mfa.utils import is_mfa_enabled
from django.dispatch import receiver


def mfa_verified(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def mfa_enabled(user) -> bool:
    return is_mfa_enabled(user)


@receiver(authenticator_added)
def _count_activation_as_verification(sender, request, user, authenticator, **kwargs):
    # Setting up TOTP means typing a valid code: that proves the second factor
    # for this session, so the guide is not asked for another code at once.
    if request is not None and authenticator.type == "totp":
        record_authentication(request, user, "mfa", type="totp", on_activation=True)
