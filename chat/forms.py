"""Forms for the buddy pages: the opt-in profile and the private check-in."""

from zoneinfo import available_timezones

from django import forms
from django.conf import settings

from chat.models import MESSAGE_MAX, BuddyProfile

TIME_ZONES = sorted(
    zone
    for zone in available_timezones()
    if "/" in zone and not zone.startswith(("Etc/", "SystemV/"))
)
DIAGNOSIS_RISKS = (
    "Buddies who share a diagnosis can understand each other quickly, but members have "
    "told us of two known risks: comparing yourselves with each other (who is more or "
    "less unwell), and passing on unhelpful ways of coping. You can turn this off at any time."
)


class BuddyProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=[(zone, zone.replace("_", " ")) for zone in TIME_ZONES])
    age_min = forms.IntegerField(label="Youngest buddy you'd like", min_value=13, max_value=99)
    age_max = forms.IntegerField(label="Oldest buddy you'd like", min_value=13, max_value=99)
    buddies_wanted = forms.TypedChoiceField(
        label="How many buddies would you like?", coerce=int,
        choices=[(n, str(n)) for n in range(1, settings.HARBOUR_BUDDY_MAX + 1)],
    )  # fmt: skip
    risks_understood = forms.BooleanField(
        required=False,
        label="I have read these risks and want to be matched on a shared diagnosis",
    )

    class Meta:
        model = BuddyProfile
        fields = [
            "is_active", "interests", "time_zone", "age_min", "age_max", "support",
            "buddies_wanted", "match_on_diagnosis", "diagnosis", "risks_understood",
        ]  # fmt: skip
        widgets = {"interests": forms.CheckboxSelectMultiple}
        labels = {
            "is_active": "Suggest buddies for me",
            "interests": "What you're into",
            "support": "The kind of support you'd like",
            "match_on_diagnosis": "Match me with someone who shares my diagnosis",
            "diagnosis": "Your diagnosis (only used for matching, never shown to anyone)",
        }

    def clean(self):
        data = super().clean()
        if (data.get("age_min") or 0) > (data.get("age_max") or 99):
            self.add_error("age_max", "The oldest age can't be below the youngest.")
        if data.get("match_on_diagnosis"):
            if not data.get("diagnosis"):
                self.add_error("diagnosis", "Choose a diagnosis to match on, or leave this off.")
            if not self.instance.match_on_diagnosis and not data.get("risks_understood"):
                self.add_error(
                    "risks_understood", "Please read the risks above and tick this to turn it on."
                )
        return data


class CheckInForm(forms.Form):
    answer = forms.CharField(
        label="How is it going with your buddy?", max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only the Harbour team can read this; your buddy never sees it.",
    )  # fmt: skip
