"""Forms for writing in the forum. Errors say what to do; what was typed is kept."""

from django import forms

from community.models import BODY_MAX, BRICK_MAX, TITLE_MAX, BrickColour, ContentWarning, Talkabout
from moderation.models import Report, ReportReason

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


REPORT_TEXT_MAX = Report._meta.get_field("text").max_length

REASON_HELP = {
    ReportReason.RISK_TO_AUTHOR: (
        "Their words make you worry about their safety. A Wall Guide looks at this first, "
        "and the post stays up so others can keep supporting them."
    ),
    ReportReason.HARASSMENT: "It puts someone down, bullies, or targets a person or a group.",
    ReportReason.PERSONAL_INFO: (
        "A name, phone number, address, social media account or anything else that could "
        "identify someone: the author or anyone else."
    ),
    ReportReason.SPAM: "Selling, advertising, or links that don't belong in a support community.",
    ReportReason.OTHER: "Anything else a Wall Guide should see. Please tell us a little below.",
}


class ExplainedRadioSelect(forms.RadioSelect):
    """Radio buttons that each point screen readers at the explanation below them."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_help"
        return option


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What worries you about it?",
        choices=ReportReason.choices,
        widget=ExplainedRadioSelect,
        error_messages={
            "required": "Please choose what worries you about it.",
            "invalid_choice": "Please choose one of the reasons listed.",
        },
    )
    text = forms.CharField(
        label="Anything you'd like the Wall Guide to know (optional)",
        required=False,
        max_length=REPORT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only Wall Guides read this. The author never sees it, or who you are.",
        error_messages={
            "max_length": f"This can be up to {REPORT_TEXT_MAX} characters. Yours is "
            "%(show_value)s: please shorten it a little.",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == ReportReason.OTHER and not data.get("text"):
            self.add_error(
                "text", "Please tell us a little about what's wrong, so the Wall Guide knows."
            )
        return data

    def reason_options(self):
        """Each radio button with a kind word on when to choose it."""
        return [(radio, REASON_HELP[radio.data["value"]]) for radio in self["reason"]]


QUERY_MAX = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search published posts",
        max_length=QUERY_MAX,
        required=False,
        # No autocomplete: a shared phone should not suggest someone's past searches.
        widget=forms.TextInput(attrs={"autocomplete": "off", "enterkeyhint": "search"}),
        error_messages={
            "max_length": f"Searches can be up to {QUERY_MAX} characters. Yours is "
            "%(show_value)s: please use fewer words.",
        },
    )
