from django import forms

from selfcare.forms.private import no_browser_cut, too_long
from selfcare.models import RATINGS
from selfcare.services.feedback import FEEDBACK_TEXT_MAX


def _text(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=FEEDBACK_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": too_long(FEEDBACK_TEXT_MAX)},
    )


def _rating(label):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Please choose a number from 1 to 5."},
    )


class FeedbackForm(forms.Form):
    like = _text("What do you like about Harbour?")
    dislike = _text("What do you dislike about Harbour?")
    change = _text("What would you change?")
    supported = _rating("How supported do you feel on Harbour?")
    community = _rating("How much do you feel part of a community on Harbour?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_browser_cut(self)

    def clean(self):
        data = super().clean()
        if self.is_valid_so_far() and not any(
            data.get(name) not in (None, "") for name in self.fields
        ):
            raise forms.ValidationError("Please answer at least one question before you send.")
        return data

    def is_valid_so_far(self) -> bool:
        return not self._errors
