"""Daily figures per organisation, built each night from the activity tables.

Only counts are kept: no member, handle or content is stored here. `label` is the
access-code label the members joined with ("" for none); `key` splits a metric
(a severity band, a rating, a Talkabout's id) and is "" when it has no split.
"""

from django.db import models


class Metric(models.TextChoices):
    SIGNUPS = "signups", "Sign-ups"
    ACTIVE_WEEK = "active_week", "Weekly active members"  # stored on the week's Monday
    ACTIVE_MONTH = "active_month", "Monthly active members"  # stored on the 1st
    THREADS = "threads", "New threads"
    REPLIES = "replies", "Replies"
    TALKABOUT_POSTS = "talkabout_posts", "Posts and replies by Talkabout"
    COURSES_STARTED = "courses_started", "Courses started"
    COURSES_COMPLETED = "courses_completed", "Courses completed"
    ASSESSMENTS = "assessments", "Self-assessments by severity band"
    CHAT_SESSIONS = "chat_sessions", "Chat sessions"
    ESCALATIONS = "escalations", "Escalations"
    FEEDBACK_SUPPORTED = "feedback_supported", "Feedback: felt supported"
    FEEDBACK_COMMUNITY = "feedback_community", "Feedback: part of a community"
    # How many members each label has, as of the run: only to decide which labels a
    # report may offer (5 or more). Never shown.
    MEMBERS = "members", "Members per label (not shown)"


class DailyStat(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    label = models.CharField(max_length=100, blank=True)
    metric = models.CharField(max_length=30, choices=Metric.choices)
    key = models.CharField(max_length=60, blank=True)
    value = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day", "label", "metric", "key"],
                name="one_daily_stat_per_cell",
            )
        ]
        indexes = [models.Index(fields=["organisation", "day"])]

    def __str__(self):
        return f"{self.day} {self.metric} {self.key} = {self.value}"
