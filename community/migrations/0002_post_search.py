"""Search over published posts: a stored tsvector, its GIN index, and a backfill.

The column is added on every database (SQLite accepts the type name and leaves it
empty). The index and the backfill are PostgreSQL-only, so they run in functions
that check the vendor; the index is deliberately not in the model state, because
SQLite rebuilds a table with every index in its state and cannot build a GIN one.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "community_post_search_gin"

# Must build the same vector as community.search.post_search_vector_update.
BACKFILL = """
UPDATE community_post AS post
SET search_vector =
    setweight(to_tsvector('english'::regconfig,
        CASE WHEN post.is_opening THEN COALESCE(thread.public_title, '') ELSE '' END), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(post.public_text, '')), 'B')
FROM community_thread AS thread
WHERE thread.id = post.thread_id AND post.published_at IS NOT NULL
"""


def index_and_backfill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX {INDEX} ON community_post USING gin (search_vector)")
    schema_editor.execute(BACKFILL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("community", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_and_backfill, drop_index, elidable=False),
    ]
