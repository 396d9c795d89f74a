"""Self-assessments (PHQ-9, GAD-7): private to the member who takes them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from moderation.models import Moderated


class AssessmentKind(models.TextChoices):
    PHQ9 = "phq9", "PHQ-9 (low mood)"
    GAD7 = "gad7", "GAD-7 (anxiety)"


class SelfAssessment(models.Model):
    """One completed questionnaire. Never shown to anyone but the member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    kind = models.CharField(max_length=8, choices=AssessmentKind.choices)
    answers = models.JSONField()
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=30)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["taken_at", "pk"]
        indexes = [models.Index(fields=["member", "kind", "taken_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.score} ({self.taken_at:%Y-%m-%d})"


class SelfAssessmentAlert(Moderated):
    """A member's request, after a worrying PHQ-9 answer, that a Wall Guide contact them.

    Registered with moderation so it opens an urgent case; it is never public, and
    exists only because the member said yes.
    """

    assessment = models.OneToOneField(
        SelfAssessment, on_delete=models.CASCADE, related_name="alert"
    )
    note = models.TextField(blank=True, help_text="Anything the member chose to tell the guide.")

    class Meta:
        verbose_name = "self-assessment alert"

    def __str__(self):
        return f"Alert for self-assessment {self.assessment_id}"
