from django import forms

from selfcare.forms.private import no_browser_cut, too_long
from selfcare.services.courses import EXERCISE_MAX


class ExerciseForm(forms.Form):
    answer = forms.CharField(
        label="Your answer (only you can see it)",
        required=False,
        max_length=EXERCISE_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": too_long(EXERCISE_MAX)},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_browser_cut(self)
