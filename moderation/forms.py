"""Forms of the guide console and the member's conversation with the Wall Guides."""

import datetime

from django import forms
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from moderation.classifier.labels import RISK_LABELS
from moderation.models import AuditAction, CasePriority, RemovalReason
from moderation.selectors import QueueFilters, queue_kinds

MESSAGE_MAX = 4000
AUDIT_RANGE_DAYS = 366


class QueueFilterForm(forms.Form):
    priority = forms.TypedChoiceField(
        choices=[("", "Any priority")] + list(CasePriority.choices)[::-1],
        coerce=int, empty_value=None, required=False,
    )  # fmt: skip
    kind = forms.ChoiceField(required=False)
    label = forms.ChoiceField(
        choices=[("", "Any label")] + [(label, label.replace("_", " ")) for label in RISK_LABELS],
        required=False,
    )
    claimed = forms.ChoiceField(
        choices=[("", "Claimed or not"), ("no", "Not claimed"), ("yes", "Claimed")],
        required=False,
    )
    mine = forms.BooleanField(label="Only mine", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind")] + queue_kinds()

    def filters(self) -> QueueFilters:
        """The chosen filters; a filter with an unknown value is simply not applied."""
        if not self.is_valid():
            return QueueFilters()
        return QueueFilters(**self.cleaned_data)


def _text_field(label, limit=MESSAGE_MAX, rows=4, required=True, help_text=""):
    return forms.CharField(
        label=label, max_length=limit, required=required, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Please fill in “{label}”."},
    )  # fmt: skip


class RedactForm(forms.Form):
    text = _text_field("The edited text", limit=20_000, rows=10)
    why = _text_field(
        "Why you edited it (the author reads this)", limit=500, rows=2,
        help_text="For example: “We took out your phone number to keep you safe.”",
    )  # fmt: skip


class RemoveForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=RemovalReason.objects.filter(is_active=True), required=False,
        widget=forms.RadioSelect, empty_label=None, label="Reason",
    )  # fmt: skip
    words = _text_field(
        "Your own words (added after the reason, or instead of it)", rows=3, required=False
    )

    def clean(self):
        data = super().clean()
        parts = [data["template"].text] if data.get("template") else []
        if data.get("words", "").strip():
            parts.append(data["words"].strip())
        if not parts:
            raise forms.ValidationError(
                "Please choose a reason or write one: the author will read it."
            )
        data["reason"] = "\n\n".join(parts)
        return data


class MessageForm(forms.Form):
    body = _text_field("Message to the member (signed “Wall Guides”)")


class NoteForm(forms.Form):
    text = _text_field("Private note (guides only)", rows=2)


class ReasonForm(forms.Form):
    reason = _text_field("Why", limit=500, rows=2)


class ReassignForm(forms.Form):
    to = forms.ModelChoiceField(
        queryset=User.objects.filter(role__in=[Role.GUIDE, Role.LEAD], is_active=True),
        label="Give this case to", to_field_name="handle",
    )  # fmt: skip
    reason = _text_field("Why", limit=500, rows=1, required=False)


class MemberReplyForm(forms.Form):
    body = _text_field("Your reply to the Wall Guides")


class AuditSearchForm(forms.Form):
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Please give the start date as YYYY-MM-DD."},
    )  # fmt: skip
    end = forms.DateField(
        label="To (inclusive)", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Please give the end date as YYYY-MM-DD."},
    )  # fmt: skip
    action = forms.ChoiceField(
        choices=[("", "Any action")] + list(AuditAction.choices), required=False
    )
    actor = forms.CharField(label="Done by (handle)", max_length=30, required=False)
    member = forms.CharField(label="Concerning (handle)", max_length=30, required=False)
    text = forms.CharField(label="Words in the reason or subject", max_length=100, required=False)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        start = start or (end or today) - datetime.timedelta(days=30)
        end = end or today
        if (end - start).days > AUDIT_RANGE_DAYS:
            raise forms.ValidationError(f"Please choose at most {AUDIT_RANGE_DAYS} days at a time.")
        data["start"], data["end"] = start, end
        return data


class ApproveForm(forms.Form):
    message = _text_field("A word to the author (optional)", limit=500, rows=2, required=False)


# The forms on a case page, by prefix.
CASE_FORMS = {
    "approve_form": ApproveForm,
    "redact_form": RedactForm,
    "remove_form": RemoveForm,
    "message_form": MessageForm,
    "escalate_form": ReasonForm,
    "note_form": NoteForm,
    "hold_form": ReasonForm,
    "reassign_form": ReassignForm,
}


class OversightHoldForm(forms.Form):
    note = _text_field("Why it should have been held (the guides read this)", limit=2000, rows=2)
    labels = forms.MultipleChoiceField(
        choices=[(label, label.replace("_", " ")) for label in RISK_LABELS],
        required=False, widget=forms.CheckboxSelectMultiple, label="What the check missed",
    )  # fmt: skip
    priority = forms.TypedChoiceField(
        choices=[(p.value, p.label) for p in CasePriority], coerce=int,
        initial=CasePriority.HIGH, label="Priority of the case",
    )  # fmt: skip
