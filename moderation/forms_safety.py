"""Forms for escalation, the on-call rota, sanctions and appeals."""

import datetime

from django import forms
from django.conf import settings

from accounts.models import User
from accounts.roles import Role
from moderation.forms import _text_field
from moderation.models import EscalationOutcome, SanctionKind
from moderation.sanctions import APPEAL_MAX, PAUSE_MAX_HOURS
from moderation.selectors_safety import rota_zone


class ShiftForm(forms.Form):
    guide = forms.ModelChoiceField(
        queryset=User.objects.filter(role__in=[Role.GUIDE, Role.LEAD], is_active=True),
        label="Who is on call", to_field_name="handle",
    )  # fmt: skip
    start_date = forms.DateField(
        label="From (date)", widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label="From (time)", widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_date = forms.DateField(label="Until (date)", widget=forms.DateInput(attrs={"type": "date"}))
    end_time = forms.TimeField(label="Until (time)", widget=forms.TimeInput(attrs={"type": "time"}))

    def clean(self):
        """Local times in the rota's zone become aware datetimes (DST handled by zoneinfo)."""
        data = super().clean()
        if self.errors:
            return data
        zone = rota_zone()
        data["starts_at"] = datetime.datetime.combine(
            data["start_date"], data["start_time"], tzinfo=zone
        )
        data["ends_at"] = datetime.datetime.combine(data["end_date"], data["end_time"], tzinfo=zone)
        if data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError("The shift must end after it starts.")
        return data


class StepForm(forms.Form):
    step = forms.ChoiceField(choices=[])
    note = forms.CharField(label="Note (optional)", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = settings.HARBOUR_ESCALATION_CHECKLIST


class BreakGlassForm(forms.Form):
    reason = _text_field(
        "Why you need the safety details now (every lead reads this)", limit=1000, rows=3
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=EscalationOutcome.choices, widget=forms.RadioSelect, label="Outcome"
    )
    decision = forms.ChoiceField(
        choices=[("approve", "Approve the item"), ("remove", "Remove the item")],
        widget=forms.RadioSelect, label="And the item",
    )  # fmt: skip
    message = _text_field(
        "To the author: a word if approved, the reason if removed", limit=2000, rows=2,
        required=False,
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("decision") == "remove" and not data.get("message", "").strip():
            raise forms.ValidationError("Please give the author a reason: they will see it.")
        return data


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(choices=SanctionKind.choices, widget=forms.RadioSelect, label="What")
    hours = forms.IntegerField(
        label="For how many hours (a pause needs it; a suspension without it lasts until lifted)",
        min_value=1, max_value=PAUSE_MAX_HOURS, required=False,
    )  # fmt: skip
    reason = _text_field("Reason (the member reads this)", limit=1000, rows=2)


class LiftForm(forms.Form):
    reason = forms.CharField(label="Why (optional)", max_length=500, required=False)


class AppealForm(forms.Form):
    text = _text_field("Why you think this was wrong", limit=APPEAL_MAX, rows=4)
    case = forms.IntegerField(required=False, widget=forms.HiddenInput)
    sanction = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AppealDecisionForm(forms.Form):
    uphold = forms.TypedChoiceField(
        choices=[("yes", "Uphold: publish the item again, or lift the sanction"),
                 ("no", "Do not uphold")],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect, label="Decision",
    )  # fmt: skip
    note = _text_field("Note to the member (they read it)", limit=1000, rows=3)
