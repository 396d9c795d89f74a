"""Load demo data for local use: Talkabouts, an organisation, one account per role.

Idempotent: running it again changes nothing and prints the same sign-in details.
The accounts are for a developer's own machine only; production never runs this.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import ConsentKind, User
from accounts.roles import Role
from accounts.services import consents_record
from community.models import Talkabout
from organisations.models import AccessCode, EmailDomain, Organisation

DEMO_PASSWORD = "harbour-demo-only"  # noqa: S105  (local demo accounts, listed in the README)

TALKABOUTS = [
    ("Anxiety and worry", "anxiety", "When your mind won't switch off."),
    ("Low mood", "low-mood", "For the heavy days, and the ones a little lighter."),
    ("Student life", "student-life", "Exams, deadlines, housemates, homesickness."),
    ("Work and money", "work-and-money", "Stress at work, job loss, money worries."),
    ("Relationships", "relationships", "Family, friends, partners, being alone."),
    ("Good things", "good-things", "Small wins and things that helped."),
]

ACCOUNTS = [
    ("member@harbour.local", "quiet-otter-21", Role.MEMBER),
    ("member2@harbour.local", "steady-heron-34", Role.MEMBER),
    ("guide@harbour.local", "guide-rowan", Role.GUIDE),
    ("lead@harbour.local", "lead-morgan", Role.LEAD),
    ("orgadmin@harbour.local", "northbridge-admin", Role.ORG_ADMIN),
    ("staff@harbour.local", "staff-sam", Role.STAFF),
]


class Command(BaseCommand):
    help = "Create demo Talkabouts, an organisation and one account per role (local only)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not options.get("force"):
            raise CommandError("Demo data is for local use only (DEBUG is off).")
        with transaction.atomic():
            for order, (title, slug, description) in enumerate(TALKABOUTS):
                Talkabout.objects.get_or_create(
                    slug=slug, defaults={"title": title, "description": description, "order": order}
                )
            org = self._organisation()
            rows = [self._account(email, handle, role, org) for email, handle, role in ACCOUNTS]
        self._print(rows)

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def _organisation(self):
        org, _ = Organisation.objects.get_or_create(
            name="Northbridge University", defaults={"kind": "university", "seat_limit": 500}
        )
        EmailDomain.objects.get_or_create(organisation=org, domain="northbridge.example")
        AccessCode.objects.get_or_create(
            code="NORTHBRIDGE-DEMO", defaults={"organisation": org, "label": "Demo"}
        )
        return org

    def _account(self, email, handle, role, org):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                handle=handle,
                role=role,
                birth_year=1995,
                country="GB",
                organisation=org if role in (Role.MEMBER, Role.ORG_ADMIN) else None,
                is_staff=role == Role.STAFF,
                is_superuser=role == Role.STAFF,
            )
            consents_record(
                user=user,
                kinds=[ConsentKind.HOUSE_RULES, ConsentKind.PRIVACY, ConsentKind.ESCALATION],
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        secret = None
        if role in settings.HARBOUR_MFA_ROLES:
            totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
            if totp is None:
                totp = TOTP.activate(user, generate_totp_secret()).instance
            secret = decrypt(totp.data["secret"])
        return role, email, handle, secret

    def _print(self, rows):
        out = self.stdout
        out.write("\nDemo accounts (local only), password for all: " + DEMO_PASSWORD)
        for role, email, handle, secret in rows:
            line = f"  {role:<10} {email:<26} shown as {handle}"
            if secret:
                line += f"\n             TOTP secret {secret} (add it to any authenticator app)"
            out.write(line)
        out.write("")
