"""The restore drill restores a real dump of the test database into a scratch database,
finds every table with the same number of rows, and leaves no scratch database behind."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from community.models import Post
from ops.restore import TableCount, counts_compare


def _databases() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_drill_restores_every_table_with_its_rows(post_checked):
    post_checked("publish")
    post_checked("review")
    out = io.StringIO()
    call_command("restore_drill", stdout=out)
    text = out.getvalue()
    table = Post._meta.db_table
    row = re.search(rf"^{table}\s+(\d+)\s+(\d+)\s+yes$", text, re.MULTILINE)
    assert row and row.groups() == ("2", "2"), text
    assert re.search(r"^accounts_user\s+(\d+)\s+\1\s+yes$", text, re.MULTILINE)
    assert "Restore drill passed" in text and " NO" not in text
    scratch = re.search(r"-> (\S+)", text)[1]
    assert scratch.startswith(connection.settings_dict["NAME"] + "_drill_")
    assert not any(
        name.startswith(f"{connection.settings_dict['NAME']}_drill_") for name in _databases()
    )


def test_a_table_short_of_rows_or_missing_is_a_mismatch():
    rows = counts_compare({"a": 3, "b": 2, "c": 1}, {"a": 3, "b": 1})
    assert rows == [TableCount("a", 3, 3), TableCount("b", 2, 1), TableCount("c", 1, None)]
    assert [row.matches for row in rows] == [True, False, False]
