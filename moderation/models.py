"""Review cases and member reports. Content is known only through the
moderatable protocol (moderation.registry), by content type and id."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from moderation.states import ModerationState


class Moderated(models.Model):
    """Fields every moderatable item has. The app adds its text and public copy.

    `state` is the state of the newest revision. `is_public` says whether other
    people may see the last approved revision: after an edit of a published item
    the state is PENDING while the earlier revision stays public.
    """

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        max_length=12, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    is_public = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    # Since when the newest revision has waited for the automatic check, and how
    # many times the check was tried: the sweeper re-sends what waits too long.
    pending_since = models.DateTimeField(null=True, blank=True)
    check_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True


class CasePriority(models.IntegerChoices):
    NORMAL = 1, "Normal"
    HIGH = 2, "High"
    URGENT = 3, "Urgent"


class HeldReason(models.TextChoices):
    PRE_MODERATION = "pre_moderation", "Checked before publishing"
    AUTO_REVIEW = "auto_review", "The automatic check asked for review"
    AUTO_ESCALATE = "auto_escalate", "The automatic check found possible risk"
    AUTO_CHECK_UNAVAILABLE = "auto_check_unavailable", "The automatic check was unavailable"
    MEMBER_REPORTS = "member_reports", "Reported by members"
    RISK_REPORT = "risk_report", "A member is worried about the author"
    PULLED_BACK = "pulled_back", "Pulled back by a Wall Guide"


class CaseState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CaseDecision(models.TextChoices):
    APPROVED = "approved", "Approved"
    REMOVED = "removed", "Removed"
    NO_ACTION = "no_action", "No action needed"
    WITHDRAWN = "withdrawn", "Deleted by the author"


class ReviewCase(models.Model):
    """An item a Wall Guide needs to look at. At most one open case per item."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    priority = models.PositiveSmallIntegerField(
        choices=CasePriority.choices, default=CasePriority.NORMAL
    )
    reason = models.CharField(max_length=30, choices=HeldReason.choices)
    state = models.CharField(max_length=10, choices=CaseState.choices, default=CaseState.OPEN)
    revision = models.PositiveIntegerField(default=1)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(max_length=20, choices=CaseDecision.choices, blank=True)
    message_to_author = models.TextField(blank=True)
    # Why it was held: risk labels, and the names and spans of the rules that matched.
    labels = models.JSONField(default=list, blank=True)
    rules = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state="open"),
                name="one_open_case_per_item",
            ),
        ]
        indexes = [models.Index(fields=["state", "-priority", "opened_at"])]

    def __str__(self):
        return f"Case {self.pk} ({self.get_priority_display()}, {self.state})"


class ReportReason(models.TextChoices):
    RISK_TO_AUTHOR = "risk_to_author", "I'm worried the author may be at risk"
    HARASSMENT = "harassment", "It's unkind or harassing"
    PERSONAL_INFO = "personal_info", "It shares personal information"
    SPAM = "spam", "It's spam or advertising"
    OTHER = "other", "Something else"


class Report(models.Model):
    """A member's report on a published item. The author never learns who reported."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    text = models.CharField(max_length=500, blank=True)
    case = models.ForeignKey(
        ReviewCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"], name="one_report_per_member"
            ),
        ]

    def __str__(self):
        return f"Report {self.pk} ({self.reason})"


class RiskDecision(models.TextChoices):
    PUBLISH = "publish", "Publish"
    REVIEW = "review", "Hold for review"
    ESCALATE = "escalate", "Escalate"


class RiskAssessment(models.Model):
    """The automatic check's verdict on one revision of an item (one per item and hash)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_hash = models.CharField(max_length=64)
    decision = models.CharField(max_length=10, choices=RiskDecision.choices)
    labels = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    rules = models.JSONField(default=list)
    model_version = models.CharField(max_length=80)
    latency_ms = models.FloatField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "content_hash"],
                name="one_assessment_per_revision",
            ),
        ]

    def __str__(self):
        return f"Assessment {self.pk} ({self.decision})"


class GuideLabel(models.Model):
    """A guide's decision on a checked text, kept to grow the labelled corpus.

    The text is kept only when its author had consented to model improvement;
    the export also re-checks consent, so a withdrawal takes effect at once.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField(max_length=64)
    text = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=CaseDecision.choices)
    labels = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Label {self.pk} ({self.decision})"
