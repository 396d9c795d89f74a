"""Organisations that license Harbour, and the ways their people join."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", "University or college"
    EMPLOYER = "employer", "Employer"
    HEALTH_SERVICE = "health_service", "Health service"
    COMMUNITY = "community", "Community organisation"


class Organisation(models.Model):
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    seat_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    minimum_age = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Leave empty to use Harbour's minimum age; it can only be raised.",
    )
    allow_domain_signup = models.BooleanField(
        default=True, help_text="People with an email at one of the domains join automatically."
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The licence: the last day it covers is `licence_ends_on` (see organisations.licence).
    licence_starts_on = models.DateField(null=True, blank=True)
    licence_ends_on = models.DateField(
        null=True, blank=True, help_text="The last day the licence covers. Empty: no end date."
    )
    # Branding shown to the organisation's own members (organisations.branding).
    display_name = models.CharField(
        max_length=80, blank=True, help_text="The name your members see. Empty: the name above."
    )
    accent_colour = models.CharField(max_length=7, blank=True, help_text="For example: #1f5f8b")
    # Re-encoded PNG, small enough to keep in the row and serve through a checked view.
    logo_png = models.BinaryField(blank=True, default=b"", editable=False)
    logo_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def shown_name(self) -> str:
        return self.display_name or self.name


class EmailDomain(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="email_domains"
    )
    domain = models.CharField(max_length=253, help_text="For example: student.example.ac.uk")

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("domain"), name="unique_email_domain_ci"),
        ]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class AccessCode(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="access_codes"
    )
    code = models.CharField(max_length=40, unique=True)
    label = models.CharField(max_length=100, blank=True, help_text="E.g. a faculty or department.")
    expires_at = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.code} ({self.label or self.organisation})"

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        super().save(*args, **kwargs)


def normalise_code(code: str) -> str:
    """Codes are typed by people: ignore case, spaces and dashes at the edges."""
    return code.strip().upper()


class OrgAdminInvite(models.Model):
    """An emailed link that creates an organisation admin account. Only a hash of the
    link's token is stored, so the table alone cannot be used to accept one."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="admin_invites"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Invitation for {self.email} to {self.organisation}"


class LicenceReminder(models.Model):
    """One reminder sent before a licence ends; the unique constraint keeps the daily
    task from sending the same reminder twice."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="licence_reminders"
    )
    ends_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ends_on", "days_before"], name="one_licence_reminder"
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.days_before} days before {self.ends_on}"
