"""Escalation, on-call and standing: the rota, console alerts, the escalation
checklist, sanctions and appeals. Imported by moderation.models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class OnCallShift(models.Model):
    """A guide (or lead) on duty from `starts_at` to `ends_at` (stored in UTC; leads
    enter local times in the rota's time zone). Urgent cases page whoever is on duty."""

    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oncall_shifts"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self):
        return f"Shift {self.pk} ({self.starts_at:%Y-%m-%d %H:%M} to {self.ends_at:%H:%M})"


class AlertKind(models.TextChoices):
    URGENT_CASE = "urgent_case", "An urgent case is waiting"
    NOBODY_ON_DUTY = "nobody_on_duty", "An urgent case is waiting and nobody is on duty"
    BREAK_GLASS = "break_glass", "Safety details were revealed"
    SLA_BREACH = "sla_breach", "A case is past its SLA"
    APPEAL = "appeal", "A member appealed"


class ConsoleAlert(models.Model):
    """A notice for one guide or lead, shown at the top of the console until dismissed.
    Its text names a case and a handle at most, never what anyone wrote."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="console_alerts"
    )
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    case = models.ForeignKey(
        "moderation.ReviewCase", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "dismissed_at"])]

    def __str__(self):
        return f"Alert {self.pk} ({self.kind})"


class EscalationStep(models.Model):
    """One step of the escalation checklist (HARBOUR_ESCALATION_CHECKLIST), done."""

    case = models.ForeignKey(
        "moderation.ReviewCase", on_delete=models.CASCADE, related_name="escalation_steps"
    )
    step = models.CharField(max_length=40)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["done_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "step"], name="one_record_per_step"),
        ]

    def __str__(self):
        return f"{self.step} on case {self.case_id}"


class EscalationOutcome(models.TextChoices):
    MEMBER_SAFE = "member_safe", "The member is safe"
    EMERGENCY_SERVICES = "emergency_services", "Emergency services contacted"
    NO_CONTACT = "no_contact", "No contact possible"
    FALSE_ALARM = "false_alarm", "False alarm"


class SanctionKind(models.TextChoices):
    WARNING = "warning", "Warning"
    PAUSE = "pause", "Posting pause"
    SUSPENSION = "suspension", "Suspension"


class SanctionQuerySet(models.QuerySet):
    def blocking(self, now=None):
        """Pauses and suspensions in force now: the member cannot post."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            kind__in=[SanctionKind.PAUSE, SanctionKind.SUSPENSION],
            starts_at__lte=now,
            lifted_at__isnull=True,
        )


class Sanction(models.Model):
    """A guide's measure on a member's standing, with a reason the member reads.
    A warning blocks nothing; a pause ends by itself; a suspension lasts until lifted
    (or until `ends_at`, if one was set)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=12, choices=SanctionKind.choices)
    reason = models.TextField(max_length=1000)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "moderation.ReviewCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sanctions",
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["member", "lifted_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class AppealState(models.TextChoices):
    PENDING = "pending", "Waiting for a clinical lead"
    UPHELD = "upheld", "Upheld"
    REJECTED = "rejected", "Not upheld"


class Appeal(models.Model):
    """A member's one appeal against a removal (its case) or a sanction; a lead decides."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    case = models.OneToOneField(
        "moderation.ReviewCase",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="appeal",
    )
    sanction = models.OneToOneField(
        Sanction, null=True, blank=True, on_delete=models.CASCADE, related_name="appeal"
    )
    text = models.TextField(max_length=1000)
    state = models.CharField(
        max_length=10, choices=AppealState.choices, default=AppealState.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=True) ^ Q(sanction__isnull=True),
                name="appeal_against_one_thing",
            ),
        ]

    def __str__(self):
        return f"Appeal {self.pk} ({self.state})"
