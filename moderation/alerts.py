"""Telling guides and leads that something needs them: a notice at the top of the
console and, for what cannot wait, an email. Neither ever carries what a member
wrote or who they are: a case number and a link, nothing else."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from moderation.models import ConsoleAlert

PAGE_SUBJECT = "An urgent case is waiting"


def leads_active():
    return User.objects.filter(role=Role.LEAD, is_active=True)


def case_link(case) -> str:
    return settings.HARBOUR_SITE_URL.rstrip("/") + reverse("case_detail", args=[case.pk])


def alert_send(*, recipients, kind, text: str, case=None) -> list[ConsoleAlert]:
    """A console notice for each recipient (shown until they dismiss it)."""
    return ConsoleAlert.objects.bulk_create(
        [ConsoleAlert(recipient=user, kind=kind, case=case, text=text) for user in recipients]
    )


def email_send(*, recipients, subject: str, case) -> int:
    """A content-free email: the subject and a link to the case, nothing else."""
    messages = [
        EmailMessage(subject=subject, body=case_link(case) + "\n", to=[user.email])
        for user in recipients
        if user.email
    ]
    return get_connection().send_messages(messages) or 0
