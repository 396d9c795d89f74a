"""Thread versions, kept by triggers (community.versioning), for cached thread pages."""

from django.db import migrations, models

from community.versioning import triggers_install


def install(apps, schema_editor):
    triggers_install(schema_editor.connection)


BACKFILL = (
    "INSERT INTO community_threadversion (thread_id, version) SELECT id, 1 FROM community_thread"
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("community", "0003_risk_pipeline"),
    ]

    operations = [
        migrations.CreateModel(
            name="ThreadVersion",
            fields=[
                ("thread_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
