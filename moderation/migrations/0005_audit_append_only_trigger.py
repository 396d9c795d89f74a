"""On PostgreSQL the database itself refuses to change or delete an audit entry, so
even a superuser's UPDATE or DELETE fails. (TRUNCATE stays possible: the test
suite empties tables with it; retention will run through one audited function.)
SQLite, the embedded default, relies on the model's refusal alone."""

from django.db import migrations

CREATE = [
    """
CREATE OR REPLACE FUNCTION moderation_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'the audit log is append-only: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER moderation_auditentry_append_only
    BEFORE UPDATE OR DELETE ON moderation_auditentry
    FOR EACH ROW EXECUTE FUNCTION moderation_audit_refuse_change()
""",
]

DROP = [
    "DROP TRIGGER IF EXISTS moderation_auditentry_append_only ON moderation_auditentry",
    "DROP FUNCTION IF EXISTS moderation_audit_refuse_change()",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0004_removal_reasons_seed")]

    operations = [migrations.RunPython(install, uninstall)]
