"""A member's safety plan and journal: private, encrypted at rest, never moderated."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.encryption import EncryptedTextField

# The standard structure (Stanley & Brown): (field, heading, prompt).
PLAN_SECTIONS = [
    ("warning_signs", "My warning signs",
     "Thoughts, feelings, pictures or situations that tell me a crisis may be coming."),
    ("coping_strategies", "Things I can do on my own",
     "Things that help me take my mind off my problems, without contacting anyone."),
    ("distractions", "People and places that take my mind off things",
     "People I can be with, and places I can go, to feel a bit better."),
    ("people_to_ask", "People I can ask for help",
     "Friends or family I can tell how I feel. Add how to reach them."),
    ("professionals", "Professionals and services I can contact",
     "My GP, a therapist, a crisis line, 111 or 999 in an emergency."),
    ("safer_environment", "Making where I am safer",
     "Things I can do to keep myself safe, like asking someone to look after things "
     "I could use to hurt myself."),
    ("reasons_for_living", "My reasons for living",
     "The people, things and hopes that matter most to me."),
]  # fmt: skip


class SafetyPlan(models.Model):
    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    warning_signs = EncryptedTextField(blank=True)
    coping_strategies = EncryptedTextField(blank=True)
    distractions = EncryptedTextField(blank=True)
    people_to_ask = EncryptedTextField(blank=True)
    professionals = EncryptedTextField(blank=True)
    safer_environment = EncryptedTextField(blank=True)
    reasons_for_living = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Safety plan {self.pk}"

    def sections(self) -> list[dict]:
        return [
            {"name": name, "heading": heading, "prompt": prompt, "text": getattr(self, name)}
            for name, heading, prompt in PLAN_SECTIONS
        ]

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name, _, _ in PLAN_SECTIONS)


class JournalEntry(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    title = EncryptedTextField(blank=True)
    body = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return f"Journal entry {self.pk}"
