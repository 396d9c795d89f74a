"""The sign-up form: eligibility, consent, organisation access, safety details."""

import datetime

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from allauth.account.utils import setup_user_email
from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from accounts.handles import handle_problem, suggest_handle
from accounts.models import User
from accounts.services import SafetyInput, age_on, member_register, minimum_age_for
from organisations.services import Joining, JoinRefused, joining_resolve


def _policy_label(text, url_name):
    return format_html('{} (<a href="{}">read it</a>)', text, reverse_lazy(url_name))


class SignupForm(AllauthSignupForm):
    handle = forms.CharField(
        label="Your name on Harbour",
        max_length=30,
        help_text="This is the only name other people see. Keep it anonymous: "
        "not your real name, email or phone number.",
        widget=forms.TextInput(attrs={"list": "handle-suggestions", "autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="To check you are old enough. Only the year is kept readable.",
    )
    country = LazyTypedChoiceField(
        label="Country you live in",
        choices=[("", "Choose your country")] + list(countries),
        help_text="So we can show you crisis lines that work where you are.",
    )
    access_code = forms.CharField(
        label="Access code (optional)",
        required=False,
        max_length=40,
        help_text="If your university, employer or health service gave you one.",
    )
    real_name = forms.CharField(label="Real name (optional)", required=False, max_length=150)
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=40)
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=20)
    agree_house_rules = forms.BooleanField(
        label=_policy_label("I agree to the house rules", "policy_house_rules")
    )
    agree_privacy = forms.BooleanField(
        label=_policy_label("I have read the privacy notice", "policy_privacy")
    )
    agree_escalation = forms.BooleanField(
        label=_policy_label(
            "I understand that if I may be in danger, a Wall Guide may use my safety "
            "details to get me help",
            "policy_escalation",
        )
    )
    model_improvement = forms.BooleanField(
        label="My posts may be used to improve Harbour's safety check (optional; "
        "you can change this later)",
        required=False,
    )

    field_order = [
        "handle", "email", "password1", "date_of_birth", "country", "access_code",
        "real_name", "phone", "postcode",
        "agree_house_rules", "agree_privacy", "agree_escalation", "model_improvement",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "email"
        ].help_text = "Private: used only to sign in and recover your account. Nobody else sees it."
        self.fields[
            "password1"
        ].help_text = "At least 12 characters. A few random words together work well."
        if not self.is_bound:
            self.initial.setdefault("handle", suggest_handle())
        self.handle_suggestions = [suggest_handle() for _ in range(4)]
        self.joining = None
        for name in ("agree_house_rules", "agree_privacy", "agree_escalation"):
            self.fields[name].error_messages["required"] = (
                "Please tick this box to join. Harbour can only keep members safe if "
                "everyone agrees to it."
            )

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip()
        problem = handle_problem(handle)
        if problem:
            raise forms.ValidationError(problem)
        if User.objects.filter(handle__iexact=handle).exists():
            raise forms.ValidationError("That name is taken. Try one of the suggestions.")
        return handle

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today or born < datetime.date(today.year - 120, 1, 1):
            raise forms.ValidationError("Please check your date of birth.")
        return born

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and not self.account_already_exists:
            try:
                self.joining = joining_resolve(email=email, code=cleaned.get("access_code", ""))
            except JoinRefused as refusal:
                self.add_error(refusal.field, refusal.message)
        born = cleaned.get("date_of_birth")
        if born:
            self._check_age(born, self.joining or Joining(None))
        return cleaned

    def _check_age(self, born, joining):
        minimum = minimum_age_for(joining)
        if age_on(born, timezone.localdate()) >= minimum:
            return
        org = joining.organisation
        through = f" through {org.name}" if org and minimum > settings.HARBOUR_MINIMUM_AGE else ""
        self.add_error(
            "date_of_birth",
            f"Sorry, Harbour{through} is for people aged {minimum} and over. If you need "
            "to talk to someone now, the crisis lines on our Get help now page are there "
            "for you.",
        )

    @transaction.atomic
    def save(self, request):
        data = self.cleaned_data
        user = member_register(
            email=data["email"],
            password=data["password1"],
            handle=data["handle"],
            date_of_birth=data["date_of_birth"],
            country=data["country"],
            joining=self.joining,
            model_improvement=data["model_improvement"],
            safety=SafetyInput(
                real_name=data["real_name"], phone=data["phone"], postcode=data["postcode"]
            ),
        )
        setup_user_email(request, user, [EmailAddress(email=user.email)])
        return user
