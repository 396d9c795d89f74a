"""Erasing an account (docs/privacy.md): what the member wrote is removed, or kept
under the "former member" name where others' replies depend on it
(HARBOUR_ERASURE_POLICY); their private data is deleted; the audit log keeps every
entry but loses the only link from its pseudonym to the person."""

import secrets

from django.conf import settings
from django.db import transaction

from accounts.models import User
from moderation.audit import audit_record
from moderation.models import AuditAction, AuditPseudonym, CasePriority, ReviewCase
from privacy.models import ErasureRecord
from privacy.selectors import legal_hold_active
from privacy.services.erasure_content import content_erase
from privacy.services.erasure_private import private_data_delete

POLICIES = ("anonymise", "remove")
FORMER_MEMBER = "former-member"
ACCOUNT_ERASED = AuditAction.ACCOUNT_ERASED

HOLD_MESSAGE = (
    "Your account can't be erased just yet. The Wall Guides are still making sure you're "
    "safe after a recent concern, and a clinical lead has asked us to keep your account "
    "until that's finished. Nothing else changes: you can still use Harbour, download "
    "your data or take a break. Once it's finished you can erase your account here, and "
    "if you'd like to talk about it, you can message the Wall Guides."
)
REAUTH_FAILED = (
    "That password isn't right, so your account has not been erased. "
    "Please type your current password again."
)


class ErasureRefused(Exception):
    """Erasure cannot go ahead now; `message` says why in words the member can act on."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def erasure_waits_because(member) -> str | None:
    """Why erasure must wait: a lead's legal hold, or an urgent case about the member
    still open (the escalation protocol may need to reach them). None if it may go ahead."""
    if legal_hold_active(member) is not None:
        return HOLD_MESSAGE
    urgent = ReviewCase.objects.open().filter(author=member, priority=CasePriority.URGENT)
    return HOLD_MESSAGE if urgent.exists() else None


def erasure_policy() -> str:
    policy = settings.HARBOUR_ERASURE_POLICY
    if policy not in POLICIES:
        raise ValueError(f"HARBOUR_ERASURE_POLICY must be one of {POLICIES}, not {policy!r}")
    return policy


@transaction.atomic
def account_erase(*, member: User, password: str) -> ErasureRecord:
    """Erase `member`'s account once they have typed their password again.

    Raises ErasureRefused for a wrong password, an account already erased, or while
    erasure waits (erasure_waits_because). Everything happens in one transaction.
    """
    member = User.objects.select_for_update().get(pk=member.pk)
    if not password or not member.check_password(password):
        raise ErasureRefused(REAUTH_FAILED, field="password")
    if ErasureRecord.objects.filter(user=member).exists():
        raise ErasureRefused("This account has already been erased.")
    if why := erasure_waits_because(member):
        raise ErasureRefused(why)
    policy = erasure_policy()
    kept, removed = content_erase(member=member, policy=policy)
    private_data_delete(member=member)
    _account_anonymise(member)
    # The only link from the audit log's pseudonym to this person; the log stays whole.
    AuditPseudonym.objects.filter(user=member).delete()
    audit_record(actor=None, action=ACCOUNT_ERASED, reason=f"policy {policy}")
    return ErasureRecord.objects.create(
        user=member, policy=policy, items_kept=kept, items_removed=removed
    )


def former_member_handle() -> str:
    """A handle for an erased account: says "former member", unique, and taken by nobody."""
    while True:
        handle = f"{FORMER_MEMBER}-{secrets.token_hex(4)}"
        if not User.objects.filter(handle__iexact=handle).exists():
            return handle


def _account_anonymise(member: User) -> None:
    token = secrets.token_hex(8)
    member.handle = former_member_handle()
    member.email = f"erased-{token}@erased.invalid"
    member.birth_year, member.country = None, ""
    member.organisation, member.access_code = None, None
    member.is_active = False
    member.set_unusable_password()  # also ends every session signed in elsewhere
    member.save()
