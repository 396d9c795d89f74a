"""Writes for the resource library. Staff write articles in the admin."""

from django.utils import timezone

from selfcare.models import ArticleFeedback


def article_feedback_give(*, article, member, helpful: bool) -> ArticleFeedback:
    """Keep the member's "was this helpful?" answer; a second answer replaces the first."""
    feedback, _ = ArticleFeedback.objects.update_or_create(
        article=article, member=member, defaults={"helpful": helpful, "answered_at": timezone.now()}
    )
    return feedback
