"""Forms for the organisation portal. Each says what is wrong in plain words."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django_countries.fields import CountryField

from organisations.branding import accent_colour_problem
from organisations.models import Organisation, OrganisationKind

DOMAIN_HELP = "The part after the @, for example: student.example.ac.uk"


class OrganisationCreateForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "seat_limit", "licence_starts_on", "licence_ends_on"]
        widgets = {
            "licence_starts_on": forms.DateInput(attrs={"type": "date"}),
            "licence_ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    kind = forms.ChoiceField(choices=OrganisationKind.choices)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("licence_starts_on"), data.get("licence_ends_on")
        if starts and ends and ends < starts:
            self.add_error("licence_ends_on", "The licence can't end before it starts.")
        return data


class LicenceForm(OrganisationCreateForm):
    class Meta(OrganisationCreateForm.Meta):
        fields = ["licence_starts_on", "licence_ends_on"]

    kind = None


class InviteForm(forms.Form):
    email = forms.EmailField(label="Their work email address")


class InviteAcceptForm(forms.Form):
    password = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A few unrelated words work well.",
    )


class AccessCodeForm(forms.Form):
    label = forms.CharField(
        max_length=100,
        required=False,
        help_text="Who the code is for, such as a faculty or department. Reports can be "
        "broken down by it.",
    )
    expires_on = forms.DateField(
        required=False,
        label="Stops working after",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for a code that works until you revoke it or the licence ends.",
    )
    max_uses = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1_000_000,
        label="Most people who can join with it",
        help_text="Leave empty for no limit.",
    )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError("That date has passed. Please choose today or later.")
        return day

    def expires_at(self):
        """The code works to the end of the chosen day."""
        day = self.cleaned_data["expires_on"]
        if day is None:
            return None
        end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(end)


class EmailDomainForm(forms.Form):
    domain = forms.CharField(max_length=253, help_text=DOMAIN_HELP)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_domain(self):
        domain = self.cleaned_data["domain"].strip().lower().lstrip("@")
        labels = domain.split(".")
        valid = len(labels) >= 2 and all(
            label and len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
            for label in labels
        )
        if not valid:
            raise forms.ValidationError(f"That doesn't look like an email domain. {DOMAIN_HELP}")
        return domain


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["seat_limit", "minimum_age", "allow_domain_signup"]
        labels = {
            "seat_limit": "Seat limit",
            "minimum_age": "Minimum age to join through you",
            "allow_domain_signup": "People with an email at one of your domains join automatically",
        }

    def clean_minimum_age(self):
        age = self.cleaned_data["minimum_age"]
        floor = settings.HARBOUR_MINIMUM_AGE
        if age is not None and not floor <= age <= 120:
            raise forms.ValidationError(
                f"Harbour's own minimum age is {floor}; yours can be the same or higher."
            )
        return age


class BrandingForm(forms.Form):
    display_name = forms.CharField(
        max_length=80,
        required=False,
        label="Name your members see",
        help_text="Leave empty to use your organisation's name.",
    )
    accent_colour = forms.CharField(
        max_length=7,
        required=False,
        label="Accent colour",
        help_text="As # and six hex digits, such as #1f5f8b. It must keep text readable.",
    )
    logo = forms.FileField(
        required=False,
        help_text="PNG, JPEG or WebP. We redraw it and keep no details from the file.",
    )
    remove_logo = forms.BooleanField(required=False, label="Remove the current logo")

    def clean_accent_colour(self):
        colour = self.cleaned_data["accent_colour"].strip().lower()
        if colour and (problem := accent_colour_problem(colour)):
            raise forms.ValidationError(problem)
        return colour


class CrisisLineForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="For example: Campus counselling service")
    description = forms.CharField(max_length=300, help_text="Who it is for and what it offers.")
    phone = forms.CharField(max_length=40, required=False)
    url = forms.URLField(required=False, label="Website", assume_scheme="https")
    hours = forms.CharField(max_length=80, help_text="For example: Weekdays 9am to 5pm")
    country = CountryField(blank=False).formfield(initial="GB", label="Country it serves")

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("url"):
            raise forms.ValidationError("Please give a phone number, a website, or both.")
        return data
