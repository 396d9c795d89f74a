"""Kind, ready-written reasons for removing an item. Leads and staff edit them later."""

from django.db import migrations

REASONS = [
    (
        "",
        "Personal details",
        "We took this down because it shares personal details, such as a phone number, "
        "an address or a full name. Harbour is anonymous so that everyone can speak "
        "freely and stay safe. You're very welcome to post again without them.",
    ),
    (
        "",
        "Unkind to another member",
        "We took this down because it could hurt another member. Everyone here is "
        "going through something; please keep replies kind, even when you disagree.",
    ),
    (
        "",
        "Advertising or links",
        "We took this down because it promotes a product, service or website. Harbour "
        "is a space for peer support, so we keep it free of advertising.",
    ),
    (
        "",
        "Details of self-harm methods",
        "We took this down because it describes methods of self-harm in a way that could "
        "put others at risk. What you're feeling matters: you can post again about how "
        "you are, without the details, and a Wall Guide is here if you'd like to talk.",
    ),
    (
        "post",
        "Better in another Talkabout",
        "We took this down because it fits better in another Talkabout, where more "
        "people will see it. Please post it again there.",
    ),
    (
        "brick",
        "Not right for the wall",
        "We took this Brick down because the wall is for short creative pieces that "
        "everyone can see. You're welcome to share it in a Talkabout instead.",
    ),
]


def seed(apps, schema_editor):
    RemovalReason = apps.get_model("moderation", "RemovalReason")
    for order, (kind, title, text) in enumerate(REASONS):
        RemovalReason.objects.get_or_create(
            title=title, defaults={"kind": kind, "text": text, "order": order}
        )


def unseed(apps, schema_editor):
    RemovalReason = apps.get_model("moderation", "RemovalReason")
    RemovalReason.objects.filter(title__in=[title for _, title, _ in REASONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_console_claims_audit_messages")]

    operations = [migrations.RunPython(seed, unseed)]
