"""Accounts: a pseudonymous handle in public, everything else private."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django_countries.fields import CountryField

from accounts.encryption import EncryptedTextField
from accounts.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(role=Role.STAFF, is_staff=True, is_superuser=True)
        fields.setdefault("handle", email.partition("@")[0][:30])
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    # Private: for login and recovery only, never shown to anyone but its owner.
    email = models.EmailField("email address", unique=True)
    # Public: the only name anyone else ever sees.
    handle = models.CharField(max_length=30)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    country = CountryField(blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    access_code = models.ForeignKey(
        "organisations.AccessCode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_user_email_ci"),
            models.UniqueConstraint(Lower("handle"), name="unique_user_handle_ci"),
        ]

    def __str__(self):
        return self.handle

    def get_short_name(self):
        return self.handle

    def get_full_name(self):
        return self.handle


class SafetyDetails(models.Model):
    """Used only if a member may be at serious risk, through audited break-glass.

    Every field is encrypted at rest; nothing in the admin or on any page reads it.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="safety_details")
    real_name = EncryptedTextField(blank=True)
    phone = EncryptedTextField(blank=True)
    postcode = EncryptedTextField(blank=True)
    date_of_birth = EncryptedTextField(blank=True, help_text="ISO date, e.g. 2001-05-17")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Safety details #{self.pk}"


class ConsentKind(models.TextChoices):
    HOUSE_RULES = "house_rules", "House rules"
    PRIVACY = "privacy", "Privacy notice"
    ESCALATION = "escalation", "Risk-escalation policy"
    MODEL_IMPROVEMENT = "model_improvement", "Use of my posts to improve the risk check"


class Consent(models.Model):
    """One consent given (and perhaps later withdrawn) to one version of a text."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=30, choices=ConsentKind.choices)
    version = models.CharField(max_length=20)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self):
        return f"{self.kind} v{self.version}"
