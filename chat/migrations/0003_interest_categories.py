from django.db import migrations

CATEGORIES = [
    "Arts and entertainment", "Gaming", "Sport and outdoors", "Study and work",
    "Identity and community", "Faith", "Parenting", "Pets", "Music", "Books and writing",
    "Food and cooking", "Nature and gardening", "Films and TV", "Travel",
]  # fmt: skip


def categories_add(apps, schema_editor):
    InterestCategory = apps.get_model("chat", "InterestCategory")
    for name in CATEGORIES:
        InterestCategory.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("chat", "0002_buddies")]

    operations = [migrations.RunPython(categories_add, migrations.RunPython.noop)]
