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

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


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
