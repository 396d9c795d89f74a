"""manage.py restore_drill: prove the database's backup restores (docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ops.restore import restore_drill


class Command(BaseCommand):
    help = (
        "Dump this database (pg_dump, custom format), restore it into a scratch database "
        "that is dropped afterwards, and compare row counts per table."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The restore drill needs PostgreSQL (DATABASE_URL).")
        try:
            report = restore_drill(connection.settings_dict)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self._table(report)
        if report.mismatches:
            names = ", ".join(row.table for row in report.mismatches)
            raise CommandError(f"Restore drill FAILED: row counts differ in {names}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore drill passed: {len(report.tables)} tables, "
                f"{sum(row.source for row in report.tables)} rows, "
                f"dump {report.dump_bytes / 1024:.0f} KiB; {report.scratch} dropped."
            )
        )

    def _table(self, report):
        width = max([len("table"), *(len(row.table) for row in report.tables)])
        self.stdout.write(f"Restore drill: {report.source} -> {report.scratch}")
        self.stdout.write(f"{'table':<{width}}  {'source':>9}  {'restored':>9}  ok")
        for row in report.tables:
            restored = "missing" if row.restored is None else row.restored
            mark = "yes" if row.matches else "NO"
            self.stdout.write(f"{row.table:<{width}}  {row.source:>9}  {restored:>9}  {mark}")
