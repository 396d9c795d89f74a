"""Guided courses: modules of short text with an exercise, and each member's progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.encryption import EncryptedTextField


class Course(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    summary = models.CharField(max_length=240)
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class CourseModule(models.Model):
    """Body in the posts' Markdown subset; the exercise is a question the member answers."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    body = models.TextField()
    exercise = models.TextField(blank=True, help_text="A short task or question. Optional.")

    class Meta:
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="one_module_per_number")
        ]

    def __str__(self):
        return f"{self.course}: {self.number}. {self.title}"


class CourseProgress(models.Model):
    """Where a member is in a course: the module they last opened, and how many they finished."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_progress"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    current = models.PositiveSmallIntegerField(default=1)
    completed = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "course"], name="one_progress_per_course")
        ]


class ExerciseAnswer(models.Model):
    """A member's answer to a module's exercise: private and encrypted, like the journal."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(CourseModule, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "module"], name="one_answer_per_module")
        ]
