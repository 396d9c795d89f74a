"""Writes about accounts: registering members, recording consent."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Consent, ConsentKind, SafetyDetails, User
from accounts.policies import POLICY_VERSIONS
from accounts.roles import Role
from organisations.services import Joining, JoinRefused, joining_claim


class SignupRefused(Exception):
    """Registration cannot go ahead; `field` and `message` say where and why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class SafetyInput:
    real_name: str = ""
    phone: str = ""
    postcode: str = ""


def age_on(date_of_birth: datetime.date, today: datetime.date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def minimum_age_for(joining: Joining) -> int:
    org_minimum = joining.organisation.minimum_age if joining.organisation else None
    return max(settings.HARBOUR_MINIMUM_AGE, org_minimum or 0)


@transaction.atomic
def member_register(
    *,
    email: str,
    password: str,
    handle: str,
    date_of_birth: datetime.date,
    country: str,
    joining: Joining,
    model_improvement: bool,
    safety: SafetyInput,
) -> User:
    """Create a member with their consents and encrypted safety details.

    Seats and access-code uses are re-checked under a lock; a refusal raises
    SignupRefused and leaves nothing behind.
    """
    try:
        joining_claim(joining)
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                handle=handle,
                role=Role.MEMBER,
                birth_year=date_of_birth.year,
                country=country,
                organisation=joining.organisation,
                access_code=joining.access_code,
            )
    except JoinRefused as refusal:
        raise SignupRefused(refusal.field, refusal.message) from refusal
    except IntegrityError as error:
        # Two sign-ups raced past the form's checks for the same handle or email.
        if User.objects.filter(handle__iexact=handle).exists():
            raise SignupRefused(
                "handle", "Someone has just taken that name. Please choose another."
            ) from error
        raise SignupRefused(
            "email", "An account with this email address already exists. Try signing in."
        ) from error
    SafetyDetails.objects.create(
        user=user,
        real_name=safety.real_name,
        phone=safety.phone,
        postcode=safety.postcode,
        date_of_birth=date_of_birth.isoformat(),
    )
    kinds = [ConsentKind.HOUSE_RULES, ConsentKind.PRIVACY, ConsentKind.ESCALATION]
    if model_improvement:
        kinds.append(ConsentKind.MODEL_IMPROVEMENT)
    consents_record(user=user, kinds=kinds)
    return user


def consents_record(*, user: User, kinds: list[str]) -> list[Consent]:
    """Record consent to the current version of each named text."""
    now = timezone.now()
    return Consent.objects.bulk_create(
        Consent(user=user, kind=kind, version=POLICY_VERSIONS[kind], given_at=now) for kind in kinds
    )
