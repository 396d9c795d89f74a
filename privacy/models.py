"""Members' rights: data exports, pauses, and legal holds on erasure."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ExportState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    BUILDING = "building", "Being put together"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Something went wrong"
    EXPIRED = "expired", "Deleted after 24 hours"


class DataExport(models.Model):
    """One copy of everything a member asked for, built by a task and offered for a
    day behind a signed link (privacy.links). After that its contents are deleted
    and only this row's dates remain, so the member can see what happened."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    state = models.CharField(max_length=10, choices=ExportState.choices, default="queued")
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=80, blank=True)  # what the task is collecting now
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    content_json = models.TextField(blank=True)
    content_html = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["state", "expires_at"])]

    def __str__(self):
        return f"Export {self.pk} ({self.state})"

    @property
    def is_working(self) -> bool:
        return self.state in (ExportState.QUEUED, ExportState.BUILDING)


class AccountPause(models.Model):
    """A member's break from Harbour, short of erasure. It ends when they sign in."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pauses"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Whether buddy matching was on before the pause, to turn it back on afterwards.
    buddy_profile_was_active = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(ended_at__isnull=True), name="one_open_pause"
            )
        ]

    def __str__(self):
        return f"Pause {self.pk}"


class LegalHold(models.Model):
    """A clinical lead's hold on erasing an account while an escalation is worked.
    The member sees that erasure waits, and why, in kind words; `reason` is the lead's
    own record and is never shown to the member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="legal_holds"
    )
    reason = models.TextField(max_length=1000)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(lifted_at__isnull=True), name="one_open_legal_hold"
            )
        ]

    def __str__(self):
        return f"Legal hold {self.pk}"


class ErasureRecord(models.Model):
    """That an account was erased, and when: no name, no email, no link to the log.
    Kept so an erased account is recognised (it cannot sign in or be erased twice)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure"
    )
    erased_at = models.DateTimeField(default=timezone.now)
    policy = models.CharField(max_length=20)
    items_kept = models.PositiveIntegerField(default=0)
    items_removed = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Erasure {self.pk}"
