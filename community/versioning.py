"""Database triggers that keep `ThreadVersion` true to what a thread's pages show.

A row of `community_post` inserted, updated or deleted bumps its thread's version in
the same transaction, and so does a change of an author's handle for every thread
they wrote in. Readers take the version in the same query as the thread, so a page
cached under a version never shows content older than that version.

The triggers are installed by migration 0004 and again after every `migrate`
(community.apps): SQLite drops a table's triggers when a later migration rebuilds
the table, and installing is idempotent on both databases.
"""

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION community_thread_version_bump() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE changed bigint;
    BEGIN
        IF TG_OP = 'DELETE' THEN changed := OLD.thread_id; ELSE changed := NEW.thread_id; END IF;
        INSERT INTO community_threadversion AS v (thread_id, version) VALUES (changed, 1)
        ON CONFLICT (thread_id) DO UPDATE SET version = v.version + 1;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE TRIGGER community_post_thread_version
    AFTER INSERT OR UPDATE OR DELETE ON community_post
    FOR EACH ROW EXECUTE FUNCTION community_thread_version_bump()
    """,
    """
    CREATE OR REPLACE FUNCTION community_thread_version_bump_author() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE community_threadversion SET version = version + 1
        WHERE thread_id IN (SELECT thread_id FROM community_post WHERE author_id = NEW.id);
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE TRIGGER community_handle_thread_version
    AFTER UPDATE OF handle ON accounts_user
    FOR EACH ROW WHEN (OLD.handle IS DISTINCT FROM NEW.handle)
    EXECUTE FUNCTION community_thread_version_bump_author()
    """,
]

_SQLITE_BUMP = """
    INSERT OR IGNORE INTO community_threadversion (thread_id, version) VALUES ({row}.thread_id, 0);
    UPDATE community_threadversion SET version = version + 1 WHERE thread_id = {row}.thread_id;
"""

SQLITE = [
    *(
        f"CREATE TRIGGER IF NOT EXISTS community_post_thread_version_{event.lower()} "
        f"AFTER {event} ON community_post BEGIN {_SQLITE_BUMP.format(row=row)} END"
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
    ),
    """
    CREATE TRIGGER IF NOT EXISTS community_handle_thread_version
    AFTER UPDATE OF handle ON accounts_user WHEN OLD.handle IS NOT NEW.handle
    BEGIN
        UPDATE community_threadversion SET version = version + 1
        WHERE thread_id IN (SELECT thread_id FROM community_post WHERE author_id = NEW.id);
    END
    """,
]


def triggers_install(connection) -> None:
    """Create (or replace) the triggers; safe to run any number of times."""
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(f"no thread-version triggers for {connection.vendor}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def triggers_drop_sqlite(connection) -> None:
    """Drop the SQLite triggers before a migration rebuilds `community_post`: SQLite
    rebuilds a table by renaming a copy, and refuses while a trigger on another table
    (a handle change) names the table being replaced. `triggers_install` puts them back."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in (
            "community_post_thread_version_insert",
            "community_post_thread_version_update",
            "community_post_thread_version_delete",
            "community_handle_thread_version",
        ):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
