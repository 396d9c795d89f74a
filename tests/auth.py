"""Signing in the way a person does: password, then a TOTP code for clinicians."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD


def totp_enable(user) -> str:
    """Give the user a fresh TOTP authenticator and return its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return secret


# A code typed this close to the end of its 30 s window may reach the server in the
# next one, where allauth (no tolerance) refuses it: wait for the new window instead.
TOTP_MARGIN_SECONDS = 3


def totp_code(secret: str, offset: int = 0) -> str:
    left = 30 - time.time() % 30
    if offset == 0 and left < TOTP_MARGIN_SECONDS:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def sign_in(client, user, *, password=PASSWORD):
    """Sign in through the real login form, answering the MFA step if there is one."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, response.content[:500]
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        assert response["Location"].startswith(reverse("mfa_authenticate"))
        # allauth refuses a code reused within its window; forget earlier uses.
        cache.clear()
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})
        assert response.status_code == 302, response.content[:500]
    return response


def reauthenticate(client, *, password=PASSWORD):
    """Confirm it's you, as before break-glass, an email change, export or erasure."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content[:500]
    return response
