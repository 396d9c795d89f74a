"""Crisis lines, shown wherever Harbour shows help."""

from django.db import models
from django_countries.fields import CountryField


class CrisisLine(models.Model):
    """A service someone can reach right now. Staff keep these up to date."""

    country = CountryField()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="crisis_lines",
        help_text="Empty for a national line; set for an organisation's own service.",
    )
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300)
    phone = models.CharField(max_length=40, blank=True)
    text = models.CharField(max_length=120, blank=True, help_text='E.g. "Text SHOUT to 85258"')
    url = models.URLField(blank=True)
    hours = models.CharField(max_length=80, default="24 hours a day, every day")
    is_emergency = models.BooleanField(
        default=False, help_text="The emergency number, shown first and on its own."
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["country", "-is_emergency", "order", "name"]

    def __str__(self):
        return f"{self.name} ({self.country})"

    @property
    def phone_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
