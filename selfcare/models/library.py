"""The resource library: plain-language articles written and kept by staff."""

import math

from django.conf import settings
from django.db import models
from django.utils import timezone

WORDS_PER_MINUTE = 200


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Article(models.Model):
    """Body in the same small Markdown subset as posts, rendered and sanitised the same way."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    summary = models.CharField(max_length=240, help_text="One or two short sentences.")
    body = models.TextField(
        help_text="Paragraphs, lists, **bold** and *italic*, links. No headings or HTML."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(len(self.body.split()) / WORDS_PER_MINUTE))


class ArticleFeedback(models.Model):
    """A member's "was this helpful?" answer; one per member and article, changeable."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "member"], name="one_feedback_per_article")
        ]
