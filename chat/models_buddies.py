"""Buddy matching: opt-in profiles, interest categories staff can edit, matches and
the private check-in a week into each."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from moderation.models import Moderated


class InterestCategory(models.Model):
    name = models.CharField(max_length=60, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "interest categories"

    def __str__(self):
        return self.name


class SupportKind(models.TextChoices):
    LISTENING = "listening", "Someone to listen"
    ROUTINE = "routine", "Encouragement with routines and goals"
    COMPANY = "company", "Company and shared interests"
    HARD_TIME = "hard_time", "Getting through a hard time together"


class Diagnosis(models.TextChoices):
    ANXIETY = "anxiety", "Anxiety"
    DEPRESSION = "depression", "Depression"
    BIPOLAR = "bipolar", "Bipolar disorder"
    EATING = "eating", "An eating disorder"
    PTSD = "ptsd", "PTSD"
    OCD = "ocd", "OCD"
    OTHER = "other", "Something else"


class BuddyProfile(models.Model):
    """A member's wish for buddies. Matching considers only active profiles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_profile"
    )
    is_active = models.BooleanField(default=True)
    interests = models.ManyToManyField(InterestCategory, blank=True)
    time_zone = models.CharField(max_length=64, default="Europe/London")
    age_min = models.PositiveSmallIntegerField(default=16)
    age_max = models.PositiveSmallIntegerField(default=99)
    support = models.CharField(max_length=12, choices=SupportKind.choices)
    buddies_wanted = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    # Off unless the member turns it on, after reading its known risks.
    match_on_diagnosis = models.BooleanField(default=False)
    diagnosis = models.CharField(max_length=12, choices=Diagnosis.choices, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(buddies_wanted__gte=1, buddies_wanted__lte=3),
                name="buddies_wanted_1_to_3",
            )
        ]


class MatchState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Buddies"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


class BuddyMatch(models.Model):
    """A proposed or accepted pair. `first` has the lower id; a pair is proposed once:
    after a decline or an unmatch it is never proposed again."""

    first = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=MatchState.choices, default="proposed")
    score = models.FloatField()
    first_accepted = models.BooleanField(default=False)
    second_accepted = models.BooleanField(default=False)
    room = models.OneToOneField(
        "chat.Room", null=True, blank=True, on_delete=models.SET_NULL, related_name="match"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_match_per_pair"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="match_ordered"),
        ]

    def other(self, user):
        return self.second if user.pk == self.first_id else self.first


class BuddyCheckIn(Moderated):
    """A week into a match, each buddy is asked privately how it is going.

    Nobody but the member (and a Wall Guide, if the check holds it) ever reads the
    answer; it goes through the same check as a chat message, so a worrying answer
    opens a case. `answer` is empty until they reply (the row stays out of the
    sweeper's way then: `pending_since` is unset).
    """

    match = models.ForeignKey(BuddyMatch, on_delete=models.CASCADE, related_name="checkins")
    answer = models.TextField(max_length=2000, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "author"], name="one_checkin_per_buddy")
        ]
