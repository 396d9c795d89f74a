"""Members' feedback on Harbour: what they like, dislike and would change, and two ratings."""

from django.conf import settings
from django.db import models
from django.utils import timezone

RATINGS = [
    (1, "1 - Not at all"),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, "5 - Very much"),
]


class FeedbackResponse(models.Model):
    """One answered survey. Staff see it only de-identified (selectors.feedback)."""

    # Kept only so a member is not asked again; never exported.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The member's organisation's kind when they answered ("" when they joined directly).
    organisation_kind = models.CharField(max_length=20, blank=True)
    like = models.TextField(blank=True)
    dislike = models.TextField(blank=True)
    change = models.TextField(blank=True)
    supported = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATINGS)
    community = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATINGS)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["answered_at"])]

    def __str__(self):
        return f"Feedback {self.pk}"
