from django import forms


class ErasureForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        help_text="Type your password again, so we know it's really you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=512,
        error_messages={"required": "Please type your password to erase your account."},
    )
    understood = forms.BooleanField(
        label="I understand that erasing my account can't be undone.",
        error_messages={"required": "Please tick the box to say you understand."},
    )


class LegalHoldForm(forms.Form):
    handle = forms.CharField(label="Member's handle", max_length=31)
    reason = forms.CharField(
        label="Reason (kept in the audit log, never shown to the member)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
