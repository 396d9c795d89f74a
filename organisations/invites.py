"""Inviting an organisation's admins by an emailed link that expires.

Accepting creates a separate account with the org_admin role, confined to the
organisation; it has to set up a second factor before any portal page opens
(accounts.permissions). A person who is also a member keeps two identities, so the
invitation must go to an address no Harbour account uses yet.
"""

import datetime
import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from organisations.models import OrgAdminInvite, Organisation


class InviteRefused(Exception):
    """An invitation that cannot be sent or accepted; `field` and `message` say why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


EMAIL_IN_USE = (
    "A Harbour account already uses this email address. An organisation admin account "
    "must have an address of its own (a work address, say), so it stays separate from "
    "any member account."
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def org_admin_invite(*, organisation: Organisation, email: str, invited_by) -> str:
    """Email a link that creates an org_admin account for `organisation`; returns the
    link. Only the token's hash is stored."""
    email = email.strip()
    if User.objects.filter(email__iexact=email).exists():
        raise InviteRefused("email", EMAIL_IN_USE)
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + datetime.timedelta(days=settings.HARBOUR_ORG_ADMIN_INVITE_DAYS)
    OrgAdminInvite.objects.create(
        organisation=organisation,
        email=email,
        token_hash=_hash(token),
        invited_by=invited_by,
        expires_at=expires_at,
    )
    link = settings.HARBOUR_SITE_URL.rstrip("/") + reverse("portal:invite_accept", args=[token])
    context = {"organisation": organisation, "link": link, "expires_at": expires_at}
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Harbour: you're invited to manage {organisation.name}'s access",
            message=render_to_string("organisations/email/admin_invite.txt", context),
            from_email=None,
            recipient_list=[email],
        )
    )
    return link


def invite_for_token(token: str) -> OrgAdminInvite | None:
    """The invitation this link stands for, if it can still be accepted."""
    invite = (
        OrgAdminInvite.objects.select_related("organisation")
        .filter(token_hash=_hash(token), accepted_at__isnull=True)
        .first()
    )
    if invite is None or invite.expires_at <= timezone.now():
        return None
    return invite


@transaction.atomic
def invite_accept(*, token: str, password: str) -> User:
    """Create the org_admin account the invitation is for. Raises InviteRefused."""
    invite = (
        OrgAdminInvite.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(token_hash=_hash(token))
        .first()
    )  # locked: two clicks on the same link make one account
    if invite is None or invite.accepted_at is not None or invite.expires_at <= timezone.now():
        raise InviteRefused("__all__", "This invitation has expired or was already used.")
    try:
        validate_password(password)
    except ValidationError as error:
        raise InviteRefused("password", " ".join(error.messages)) from error
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=invite.email,
                password=password,
                handle=f"admin-{secrets.token_hex(4)}",
                role=Role.ORG_ADMIN,
                organisation=invite.organisation,
            )
    except IntegrityError as error:
        raise InviteRefused("__all__", EMAIL_IN_USE) from error
    # Following the emailed link proved the address.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invite.accepted_at = timezone.now()
    invite.save(update_fields=["accepted_at"])
    return user
