"""An organisation's licence: when it ends, the grace period after it, reminders before it.

The licence covers every day up to and including `licence_ends_on`. From the day
after, access codes and domain sign-up stop at once; members who joined through the
organisation keep full access for HARBOUR_LICENCE_GRACE_DAYS more days, then can
still read, export and erase, but no longer post, reply or chat.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.roles import Role
from organisations.models import LicenceReminder, Organisation

log = logging.getLogger(__name__)


class LicencePhase(TextChoices):
    ACTIVE = "active", "Active"
    GRACE = "grace", "Ended, in the grace period"
    CLOSED = "closed", "Ended, grace period over"


def _today() -> datetime.date:
    return timezone.localdate()


def grace_ends_on(organisation: Organisation) -> datetime.date | None:
    """The last day of the grace period, or None without an end date."""
    if organisation.licence_ends_on is None:
        return None
    return organisation.licence_ends_on + datetime.timedelta(
        days=settings.HARBOUR_LICENCE_GRACE_DAYS
    )


def licence_phase(organisation: Organisation, *, today=None) -> LicencePhase:
    today = today or _today()
    ends_on = organisation.licence_ends_on
    if ends_on is None or today <= ends_on:
        return LicencePhase.ACTIVE
    return LicencePhase.GRACE if today <= grace_ends_on(organisation) else LicencePhase.CLOSED


def licence_ended(organisation: Organisation, *, today=None) -> bool:
    return licence_phase(organisation, today=today) != LicencePhase.ACTIVE


def _date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def licence_notice(organisation: Organisation, *, today=None) -> str:
    """What a member who joined through the organisation is told once its licence ended."""
    phase = licence_phase(organisation, today=today)
    name = organisation.shown_name
    if phase == LicencePhase.GRACE:
        return (
            f"{name}'s licence for Harbour ended on {_date(organisation.licence_ends_on)}. "
            f"Nothing changes for you until {_date(grace_ends_on(organisation))}: after that "
            "you can still read, download your data or delete your account, but not post or "
            "chat. Everything you wrote stays as it is."
        )
    if phase == LicencePhase.CLOSED:
        return write_refusal_text(organisation)
    return ""


def write_refusal_text(organisation: Organisation) -> str:
    return (
        f"{organisation.shown_name}'s licence for Harbour has ended, so posting, replying "
        "and chat are closed for accounts that joined through it. Everything you wrote is "
        "still here: you can read, download your data or delete your account, and crisis "
        f"help is always one tap away. If you think this is a mistake, please ask "
        f"{organisation.shown_name}."
    )


def licence_write_refusal(user) -> str | None:
    """Why the member may not write because their organisation's licence and grace
    period are over, or None. The write services call this next to the sanctions check."""
    if getattr(user, "role", None) != Role.MEMBER or not getattr(user, "organisation_id", None):
        return None
    organisation = Organisation.objects.defer("logo_png").get(pk=user.organisation_id)
    if licence_phase(organisation) == LicencePhase.CLOSED:
        return write_refusal_text(organisation)
    return None


def licence_reminders_send(*, today=None) -> int:
    """Email each organisation's admins once at each reminder point before its licence
    ends (HARBOUR_LICENCE_REMINDER_DAYS). Returns how many reminders went out."""
    today = today or _today()
    points = sorted(settings.HARBOUR_LICENCE_REMINDER_DAYS)
    latest = today + datetime.timedelta(days=max(points))
    due = Organisation.objects.filter(licence_ends_on__gte=today, licence_ends_on__lte=latest)
    sent = 0
    for organisation in due:
        days_left = (organisation.licence_ends_on - today).days
        # Only the nearest point: a first run 5 days before sends one reminder, not two.
        point = next(days for days in points if days_left <= days)
        sent += _reminder_send(organisation, days_before=point, days_left=days_left)
    return sent


def _reminder_send(organisation: Organisation, *, days_before: int, days_left: int) -> int:
    try:
        with transaction.atomic():
            LicenceReminder.objects.create(
                organisation=organisation,
                ends_on=organisation.licence_ends_on,
                days_before=days_before,
            )
    except IntegrityError:
        return 0  # already sent for this point
    admins = list(
        organisation.members.filter(role=Role.ORG_ADMIN, is_active=True).values_list(
            "email", flat=True
        )
    )
    if not admins:
        log.warning("Licence reminder for organisation %s: no admins to tell", organisation.pk)
        return 0
    context = {
        "organisation": organisation,
        "days_left": days_left,
        "ends_on": _date(organisation.licence_ends_on),
        "grace_days": settings.HARBOUR_LICENCE_GRACE_DAYS,
        "portal_url": settings.HARBOUR_SITE_URL.rstrip("/") + "/portal/",
    }
    subject = f"Harbour: {organisation.name}'s licence ends on {context['ends_on']}"
    body = render_to_string("organisations/email/licence_reminder.txt", context)
    for address in admins:  # one each: admins are not shown each other's addresses
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[address])
    return 1
