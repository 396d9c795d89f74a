"""The benchmark database: created on first use, migrated before every run."""

import importlib
import subprocess
import sys

import psycopg
from psycopg import sql

from benchmarks import PROJECT_ROOT, SETTINGS_MODULE, BenchmarkError, django_env


def database_prepare() -> None:
    """Create the bench database if it is missing, then apply every migration."""
    database = importlib.import_module(SETTINGS_MODULE).DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        _postgres_database_create(database)
    _migrate()


def _postgres_database_create(database: dict) -> None:
    name = database["NAME"]
    try:
        # CREATE DATABASE cannot run in a transaction, and the target does not exist yet.
        with psycopg.connect(**_connection_arguments(database), autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        raise BenchmarkError(
            f"PostgreSQL did not answer ({error}).\n"
            "Run `make bench`, which starts it (scripts/ensure-services)."
        ) from None


def _connection_arguments(database: dict) -> dict:
    given = {
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
    }
    return {"dbname": "postgres", "connect_timeout": 5} | {k: v for k, v in given.items() if v}


def _migrate() -> None:
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=PROJECT_ROOT,
        env=django_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if migrate.returncode != 0:
        raise BenchmarkError(f"manage.py migrate failed:\n{migrate.stderr[-2000:]}")
