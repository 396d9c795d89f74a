"""Forms for writing in the forum. Errors say what to do; what was typed is kept."""

from django import forms

from community.models import BODY_MAX, BRICK_MAX, TITLE_MAX, BrickColour, ContentWarning, Talkabout

WARNING_CHOICES = [("", "No content warning")] + list(ContentWarning.choices)


def _body_field(limit, label="Your post"):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=limit,
        strip=True,
        error_messages={
            "required": "Please write something before posting.",
            "max_length": f"Posts can be up to {limit:,} characters. Yours is "
            "%(show_value)s characters: please shorten it a little.",
        },
        help_text="You can use *emphasis*, **bold**, lists and > quotes.",
    )


class _WarningMixin(forms.Form):
    content_warning = forms.ChoiceField(
        label="Content warning (optional)",
        choices=WARNING_CHOICES,
        required=False,
        help_text="Others can choose to see the post only when they open it.",
    )


class ThreadForm(_WarningMixin):
    talkabout = forms.ModelChoiceField(
        label="Talkabout",
        queryset=Talkabout.objects.filter(is_archived=False),
        error_messages={
            "required": "Please choose a Talkabout for your thread.",
            "invalid_choice": "That Talkabout isn't open for new threads. Please choose another.",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Please give your thread a title.",
            "max_length": f"Titles can be up to {TITLE_MAX} characters. Yours is "
            "%(show_value)s: please shorten it.",
        },
    )
    body = _body_field(BODY_MAX)
    field_order = ["talkabout", "title", "body", "content_warning"]


class ReplyForm(_WarningMixin):
    body = _body_field(BODY_MAX, label="Your reply")
    field_order = ["body", "content_warning"]


class PostEditForm(_WarningMixin):
    title = forms.CharField(label="Title", max_length=TITLE_MAX, required=False)
    body = _body_field(BODY_MAX)
    field_order = ["title", "body", "content_warning"]

    def __init__(self, *args, is_opening=False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_opening:
            self.fields["title"].required = True
            self.fields["title"].error_messages["required"] = "Please keep a title."
        else:
            del self.fields["title"]


class PreferencesForm(forms.Form):
    collapsed_warnings = forms.MultipleChoiceField(
        label="Keep these collapsed until I open them",
        choices=ContentWarning.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class BrickForm(forms.Form):
    body = forms.CharField(
        label="Your Brick",
        max_length=BRICK_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Please write something for your Brick.",
            "max_length": f"A Brick can be up to {BRICK_MAX} characters. Yours is "
            "%(show_value)s: please shorten it.",
        },
    )
    colour = forms.ChoiceField(choices=BrickColour.choices, widget=forms.RadioSelect)
