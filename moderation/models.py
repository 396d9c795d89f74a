"""Review cases and member reports. Content is known only through the
moderatable protocol (moderation.registry), by content type and id."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from moderation.classifier.labels import RISK_LABELS
from moderation.models_oversight import OversightSample, OversightVerdict  # noqa: F401
from moderation.models_safety import (  # noqa: F401  (escalation, on-call, standing)
    AlertKind,
    Appeal,
    AppealState,
    ConsoleAlert,
    EscalationOutcome,
    EscalationStep,
    OnCallShift,
    Sanction,
    SanctionKind,
)
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
    OVERSIGHT = "oversight", "A lead's oversight found it should have been held"


# Reasons for which an urgent case is an escalation: possible risk to someone.
ESCALATION_REASONS = {
    HeldReason.AUTO_ESCALATE,
    HeldReason.RISK_REPORT,
    HeldReason.AUTO_CHECK_UNAVAILABLE,  # urgent only when the rules saw immediate risk
}


class CaseState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CaseDecision(models.TextChoices):
    APPROVED = "approved", "Approved"
    REMOVED = "removed", "Removed"
    NO_ACTION = "no_action", "No action needed"
    WITHDRAWN = "withdrawn", "Deleted by the author"
    # Only on a GuideLabel: a lead's oversight found a published item should have been held.
    SHOULD_HOLD = "should_hold", "Should have been held"


def sla_for(priority) -> timedelta:
    """How long a case of this priority may wait for a guide (HARBOUR_SLA_SECONDS)."""
    name = CasePriority(priority).label.lower()
    return timedelta(seconds=settings.HARBOUR_SLA_SECONDS[name])


class ReviewCaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=CaseState.OPEN)

    def unclaimed(self, now=None):
        """Nobody holds them: never claimed, released, or the lease ran out."""
        return self.filter(_unclaimed_q(now or timezone.now()))

    def claimed(self, now=None):
        return self.exclude(_unclaimed_q(now or timezone.now()))

    def with_sla_deadline(self):
        """Annotate `sla_deadline`: opened_at plus the SLA of the case's priority."""
        deadline = Case(
            *(
                When(priority=priority, then=F("opened_at") + Value(sla_for(priority)))
                for priority in CasePriority.values
            ),
            output_field=models.DateTimeField(),
        )
        return self.annotate(sla_deadline=deadline)

    def in_queue_order(self):
        """Urgent first, then the highest risk score, then the longest waiting
        (served by the partial index `case_queue_order` on open cases)."""
        return self.order_by("-priority", "-risk_score", "opened_at", "pk")


def _unclaimed_q(now) -> Q:
    return Q(claimed_by__isnull=True) | Q(lease_expires_at__lte=now)


class ReviewCase(models.Model):
    """An item a Wall Guide needs to look at. At most one open case per item.

    A guide works a case by claiming it: `claimed_by` holds it until
    `lease_expires_at` (renewed while they work), so two guides never decide the
    same item. A lapsed lease frees the case without anyone having to release it.
    The SLA deadline is `opened_at` plus the SLA of the current priority.
    """

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
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # Escalation (moderation.oncall, moderation.escalation): when a guide escalated it,
    # when the on-duty guide was paged, whether nobody was on duty then, the outcome.
    escalated_at = models.DateTimeField(null=True, blank=True)
    paged_at = models.DateTimeField(null=True, blank=True)
    nobody_on_duty = models.BooleanField(default=False)
    outcome = models.CharField(max_length=20, choices=EscalationOutcome.choices, blank=True)
    # When the case first went past its SLA (moderation.sla raised it once then).
    sla_breached_at = models.DateTimeField(null=True, blank=True)
    # The highest risk label score of the item's newest assessment (0 when the model
    # gave none, e.g. a member's report), kept by `case_open` for the queue's order.
    risk_score = models.FloatField(default=0.0)

    objects = ReviewCaseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state="open"),
                name="one_open_case_per_item",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-priority", "opened_at"]),
            # "Next case" and the queue page read open cases in exactly this order.
            models.Index(
                F("priority").desc(),
                F("risk_score").desc(),
                "opened_at",
                "id",
                condition=Q(state="open"),
                name="case_queue_order",
            ),  # fmt: skip
            models.Index(fields=["author", "opened_at"]),
        ]

    def __str__(self):
        return f"Case {self.pk} ({self.get_priority_display()}, {self.state})"

    @property
    def sla_due(self):
        return self.opened_at + sla_for(self.priority)

    @property
    def is_escalation(self) -> bool:
        """An urgent case because someone may be in danger (not merely overdue): the
        escalation protocol and break-glass apply."""
        return self.priority == CasePriority.URGENT and (
            self.escalated_at is not None or self.reason in ESCALATION_REASONS
        )

    def holder_id(self, now=None):
        """The id of the guide holding the case now, or None."""
        now = now or timezone.now()
        if self.claimed_by_id is None or self.lease_expires_at is None:
            return None
        return self.claimed_by_id if self.lease_expires_at > now else None


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

    @property
    def risk_score(self) -> float:
        """The highest score among the risk labels: what orders the guides' queue."""
        return max((float(self.scores.get(label) or 0.0) for label in RISK_LABELS), default=0.0)


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


class CaseNote(models.Model):
    """A guide's private note on a case. Never shown to the member."""

    case = models.ForeignKey(ReviewCase, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note {self.pk} on case {self.case_id}"


class GuideMessage(models.Model):
    """One message in the private conversation between a member and the Wall Guides.

    The member sees every guide as "Wall Guides"; `sender` is kept for the guides'
    own record and is never shown to the member. Messages are never held: a
    member's reply is checked by the rules only, so a guide sees risk in it at once.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guide_messages"
    )
    case = models.ForeignKey(
        ReviewCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    from_member = models.BooleanField(default=False)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=4000)
    rules = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["member", "created_at"])]

    def __str__(self):
        return f"Message {self.pk}"


class RemovalReason(models.Model):
    """A kind, ready-written reason for removing an item; leads and staff edit them."""

    kind = models.CharField(
        max_length=20, blank=True, help_text='"post", "reply", "brick"... or empty for every kind'
    )
    title = models.CharField(max_length=80)
    text = models.TextField(max_length=2000, help_text="What the author reads.")
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class AuditPseudonym(models.Model):
    """The only link from the audit log to a person. Erasing an account deletes this
    row (by cascade) and leaves the log whole but no longer pointing at anyone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_pseudonym"
    )
    pseudonym = models.CharField(max_length=32, unique=True)

    def __str__(self):
        return self.pseudonym


class AuditAction(models.TextChoices):
    CASE_VIEWED = "case_viewed", "Opened a case"
    CASE_CLAIMED = "case_claimed", "Claimed a case"
    CASE_RELEASED = "case_released", "Released a case"
    CASE_REASSIGNED = "case_reassigned", "Reassigned a case"
    CASE_APPROVED = "case_approved", "Approved"
    CASE_APPROVED_REDACTED = "case_approved_redacted", "Approved with a redacting edit"
    CASE_REMOVED = "case_removed", "Removed"
    CASE_ESCALATED = "case_escalated", "Escalated"
    CASE_NOTE_ADDED = "case_note_added", "Added a private note"
    MEMBER_MESSAGED = "member_messaged", "Messaged a member"
    MEMBER_ITEMS_HELD = "member_items_held", "Held a member's recent items"
    ONCALL_SHIFT_ADDED = "oncall_shift_added", "Put a guide on the on-call rota"
    ONCALL_SHIFT_REMOVED = "oncall_shift_removed", "Took a shift off the on-call rota"
    ESCALATION_STEP_DONE = "escalation_step_done", "Recorded an escalation step"
    SAFETY_DETAILS_REVEALED = "safety_details_revealed", "Revealed safety details (break-glass)"
    ESCALATION_OUTCOME = "escalation_outcome", "Recorded an escalation's outcome"
    SANCTION_ISSUED = "sanction_issued", "Issued a sanction"
    SANCTION_LIFTED = "sanction_lifted", "Lifted a sanction"
    APPEAL_DECIDED = "appeal_decided", "Decided an appeal"
    AUDIT_SEARCHED = "audit_searched", "Searched the audit log"
    AUDIT_EXPORTED = "audit_exported", "Exported the audit log"
    OVERSIGHT_REVIEWED = "oversight_reviewed", "Reviewed an oversight sample"
    ADMIN_LIST_VIEWED = "admin_list_viewed", "Opened an admin list of member records"
    ADMIN_RECORD_VIEWED = "admin_record_viewed", "Opened a member record in the admin"
    ADMIN_RECORD_CHANGED = "admin_record_changed", "Changed a member record in the admin"
    ADMIN_HISTORY_VIEWED = "admin_history_viewed", "Opened a member record's admin history"
    LEGAL_HOLD_PLACED = "legal_hold_placed", "Placed a legal hold on an account"
    LEGAL_HOLD_LIFTED = "legal_hold_lifted", "Lifted a legal hold"
    ACCOUNT_ERASED = "account_erased", "An account was erased at its owner's request"
    AUDIT_RETENTION_PURGE = "audit_retention_purge", "Removed audit entries past retention"


class AuditRefused(Exception):
    """The audit log is append-only: entries are never changed or deleted."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditRefused("Audit entries are never changed.")

    def delete(self):
        raise AuditRefused("Audit entries are never deleted.")


class AuditEntry(models.Model):
    """One accountable action, append-only (a PostgreSQL trigger refuses UPDATE and
    DELETE too). People are named by pseudonym (AuditPseudonym), never by key."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.CharField(max_length=32, db_index=True)
    actor_role = models.CharField(max_length=20)
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    target = models.CharField(max_length=32, blank=True, db_index=True)
    subject = models.CharField(max_length=80, blank=True)
    reason = models.TextField(blank=True)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    diff = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditRefused("Audit entries are never changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRefused("Audit entries are never deleted.")
