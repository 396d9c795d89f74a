"""Build the organisation reports' daily figures (also run nightly by Celery beat)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from insights.aggregation import insights_aggregate, nightly_days


class Command(BaseCommand):
    help = "Rebuild the daily report figures: the recent days, or one given day."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="Only this day, as YYYY-MM-DD.")

    def handle(self, *args, day=None, **options):
        days = [self._day(day)] if day else nightly_days()
        started = time.perf_counter()
        written = insights_aggregate(days=days)
        took = time.perf_counter() - started
        self.stdout.write(f"Built {written} figures for {len(days)} days in {took:.2f}s.")

    def _day(self, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"{text!r} is not a day; write it as YYYY-MM-DD.") from None
