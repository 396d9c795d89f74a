"""Ship the national crisis lines. Staff keep them current in the admin afterwards."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "crisis_lines.json"


def load(apps, schema_editor):
    CrisisLine = apps.get_model("selfcare", "CrisisLine")
    for entry in json.loads(DATA.read_text()):
        CrisisLine.objects.update_or_create(
            country=entry["country"], name=entry["name"], organisation=None, defaults=entry
        )


def unload(apps, schema_editor):
    CrisisLine = apps.get_model("selfcare", "CrisisLine")
    names = {(e["country"], e["name"]) for e in json.loads(DATA.read_text())}
    for line in CrisisLine.objects.filter(organisation=None):
        if (str(line.country), line.name) in names:
            line.delete()


class Migration(migrations.Migration):
    dependencies = [("selfcare", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
