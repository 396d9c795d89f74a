"""The one way audit entries are ever removed: privacy_audit_purge(keep_days).

The trigger from moderation 0005 refuses every UPDATE and DELETE on the log. This
function lifts it for its own DELETE only: ALTER TABLE ... DISABLE TRIGGER is
transactional and takes the table's exclusive lock until commit, so no other
session ever sees the log without its guard, and every other statement in the same
transaction sees it back on. Each run appends an entry saying how many entries
were removed and from before when. Only the table's owner may run it, as only the
owner could drop the trigger anyway. SQLite (the embedded default) has neither
triggers nor functions: privacy.services.retention does the same steps there.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION privacy_audit_purge(keep_days integer) RETURNS integer AS $$
DECLARE
    cutoff timestamptz;
    removed integer;
BEGIN
    IF keep_days IS NULL OR keep_days < 1 THEN
        RAISE EXCEPTION 'privacy_audit_purge: keep_days must be at least 1, not %', keep_days;
    END IF;
    cutoff := now() - make_interval(days => keep_days);
    ALTER TABLE moderation_auditentry DISABLE TRIGGER moderation_auditentry_append_only;
    DELETE FROM moderation_auditentry WHERE at < cutoff;
    GET DIAGNOSTICS removed = ROW_COUNT;
    ALTER TABLE moderation_auditentry ENABLE TRIGGER moderation_auditentry_append_only;
    INSERT INTO moderation_auditentry
        (at, actor, actor_role, action, target, subject, reason, before, after, diff, request_id)
    VALUES (
        now(), '', 'system', 'audit_retention_purge', '', '',
        format('%s entries older than %s days (before %s) removed', removed, keep_days, cutoff),
        '', '', '', ''
    );
    RETURN removed;
END;
$$ LANGUAGE plpgsql
"""

DROP = "DROP FUNCTION IF EXISTS privacy_audit_purge(integer)"


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # its % signs are format()'s, not ours


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("moderation", "0005_audit_append_only_trigger"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
