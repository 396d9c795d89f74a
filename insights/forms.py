"""The report's only inputs: a fixed period from a list, and a label from a list."""

from django import forms
from django.utils import timezone

from insights.periods import MONTH, WEEK, offered_periods


class ReportForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        required=False,
        error_messages={
            "invalid_choice": "Choose a week or a month from the list; reports cover only "
            "whole calendar weeks and months from the last year."
        },
    )
    label = forms.ChoiceField(
        label="Members who joined with",
        required=False,
        error_messages={
            "invalid_choice": "Choose a label from the list. Only labels with at least 5 "
            "members can be shown on their own."
        },
    )

    def __init__(self, data=None, *, today=None, labels=(), **kwargs):
        super().__init__(data, **kwargs)
        today = today or timezone.localdate()
        self.periods = {p.value: p for p in offered_periods(today)}
        weeks = [(p.value, p.name) for p in self.periods.values() if p.kind == WEEK]
        months = [(p.value, p.name) for p in self.periods.values() if p.kind == MONTH]
        self.fields["period"].choices = [("Weeks", weeks), ("Months", months)]
        self.fields["label"].choices = [("", "Any access code (whole organisation)")] + [
            (label, label) for label in labels
        ]
        self.default_period = weeks[0][0]

    def clean_period(self):
        return self.periods[self.cleaned_data["period"] or self.default_period]
