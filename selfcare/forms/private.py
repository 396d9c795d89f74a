from django import forms

from selfcare.models import PLAN_SECTIONS
from selfcare.services.private import JOURNAL_BODY_MAX, JOURNAL_TITLE_MAX, PLAN_SECTION_MAX


def too_long(limit):
    return f"Please keep this under {limit:,} characters. Nothing you wrote has been cut."


def no_browser_cut(form):
    # A maxlength attribute makes the browser cut a paste short without a word:
    # the server says plainly when something is too long instead.
    for field in form.fields.values():
        field.widget.attrs.pop("maxlength", None)


class SafetyPlanForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, heading, prompt in PLAN_SECTIONS:
            self.fields[name] = forms.CharField(
                label=heading,
                help_text=prompt,
                required=False,
                max_length=PLAN_SECTION_MAX,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"max_length": too_long(PLAN_SECTION_MAX)},
            )
        no_browser_cut(self)


class JournalEntryForm(forms.Form):
    title = forms.CharField(
        label="Title (you can leave this empty)",
        required=False,
        max_length=JOURNAL_TITLE_MAX,
        error_messages={"max_length": too_long(JOURNAL_TITLE_MAX)},
    )
    body = forms.CharField(
        label="What's on your mind?",
        max_length=JOURNAL_BODY_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": "Write something first: an empty entry can't be saved.",
            "max_length": too_long(JOURNAL_BODY_MAX),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_browser_cut(self)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(self.fields["body"].error_messages["required"])
        return body
