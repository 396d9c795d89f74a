"""Model oversight: a sample of what the automatic check published, for a lead to
read again. Imported by moderation.models."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class OversightVerdict(models.TextChoices):
    RIGHTLY_PUBLISHED = "rightly_published", "Rightly published"
    SHOULD_HAVE_BEEN_HELD = "should_have_been_held", "Should have been held"


class OversightSample(models.Model):
    """One automatically published assessment picked for a lead's second look."""

    assessment = models.OneToOneField(
        "moderation.RiskAssessment", on_delete=models.CASCADE, related_name="oversight_sample"
    )
    sampled_at = models.DateTimeField(default=timezone.now)
    verdict = models.CharField(max_length=30, choices=OversightVerdict.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    case = models.ForeignKey(
        "moderation.ReviewCase", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sampled_at", "-pk"]
        indexes = [models.Index(fields=["reviewed_at", "sampled_at"])]

    def __str__(self):
        return f"Oversight sample {self.pk} ({self.verdict or 'to read'})"
