"""The restore drill: dump the database, restore the dump into a scratch database,
and compare row counts table by table, so a backup is known to restore.

The source's counts are taken in the very snapshot pg_dump reads (an exported
snapshot), so writes during the drill cannot make the comparison disagree. The
scratch database is created and dropped here, whatever happens in between.
"""

import os
import secrets
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    restored: int | None  # None: the table is missing from the restore

    @property
    def matches(self) -> bool:
        return self.source == self.restored


@dataclass(frozen=True)
class DrillReport:
    source: str
    scratch: str
    dump_bytes: int
    tables: list[TableCount]

    @property
    def mismatches(self) -> list[TableCount]:
        return [row for row in self.tables if not row.matches]


def counts_compare(source: dict[str, int], restored: dict[str, int]) -> list[TableCount]:
    """One row per table of the source, with what the restore holds (None if nothing)."""
    return [TableCount(table, n, restored.get(table)) for table, n in sorted(source.items())]


def restore_drill(database: dict) -> DrillReport:
    """Run the drill against `database` (Django's settings_dict of a PostgreSQL database)."""
    scratch = f"{database['NAME']}_drill_{secrets.token_hex(4)}"[:63]
    with tempfile.TemporaryDirectory(prefix="harbour-drill-") as folder:
        dump = Path(folder) / "harbour.dump"
        source_counts = _dump_with_counts(database, dump)
        _admin_run(database, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            _run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error",
                  *_target(database, scratch), str(dump)], database)  # fmt: skip
            with _connect(database, scratch) as conn:
                restored = _counts(conn)
        finally:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            _admin_run(database, drop.format(sql.Identifier(scratch)))
        size = dump.stat().st_size
    return DrillReport(database["NAME"], scratch, size, counts_compare(source_counts, restored))


def _dump_with_counts(database, dump: Path) -> dict[str, int]:
    with _connect(database, database["NAME"]) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = _counts(conn)
        # pg_dump reads the snapshot while this transaction holds it open.
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump}",
              *_target(database, database["NAME"])], database)  # fmt: skip
        conn.execute("COMMIT")
    return counts


def _counts(conn) -> dict[str, int]:
    tables = [row[0] for row in conn.execute(TABLES)]
    count = sql.SQL("SELECT count(*) FROM {}")
    return {
        table: conn.execute(count.format(sql.Identifier(table))).fetchone()[0] for table in tables
    }


def _connect(database, name):
    return psycopg.connect(
        dbname=name,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        autocommit=True,
    )


def _admin_run(database, statement) -> None:
    # CREATE and DROP DATABASE run outside a transaction, from another database.
    with _connect(database, "postgres") as conn:
        conn.execute(statement)


def _target(database, name) -> list[str]:
    args = [f"--dbname={name}"]
    if database.get("HOST"):
        args.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        args.append(f"--port={database['PORT']}")
    if database.get("USER"):
        args.append(f"--username={database['USER']}")
    return args


def _run(command, database) -> None:
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    # The command is ours: pg_dump or pg_restore with arguments from settings, no shell.
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {finished.stderr.strip()[-2000:]}")
