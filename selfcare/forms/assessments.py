from django import forms

from selfcare.instruments import ANSWERS
from selfcare.services.assessments import ALERT_NOTE_MAX


class SelfAssessmentForm(forms.Form):
    """One radio group per item; a missing or made-up answer names its question."""

    def __init__(self, instrument, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for number, item in enumerate(instrument.items, start=1):
            self.fields[f"q{number}"] = forms.TypedChoiceField(
                label=item,
                choices=ANSWERS,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Please choose an answer for question {number}.",
                    "invalid_choice": (
                        f"Please choose one of the four answers for question {number}."
                    ),
                },
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"q{n}"] for n in range(1, len(self.instrument.items) + 1)]


class AlertConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="Yes, I would like a Wall Guide to contact me.",
        error_messages={"required": "Tick the box if you would like a Wall Guide to contact you."},
    )
    note = forms.CharField(
        label="Anything you would like the Wall Guide to know (you can leave this empty)",
        required=False,
        max_length=ALERT_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Please keep this under {ALERT_NOTE_MAX} characters."},
    )
