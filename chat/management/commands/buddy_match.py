"""Propose buddy pairs among members waiting for one (also run by Celery beat)."""

import time

from django.core.management.base import BaseCommand

from chat.services_buddies import matching_run


class Command(BaseCommand):
    help = "Propose buddy pairs among waiting members; both must accept."

    def handle(self, *args, **options):
        started = time.perf_counter()
        proposed = matching_run()
        took = time.perf_counter() - started
        self.stdout.write(f"Proposed {proposed} buddy pairs in {took:.1f}s.")
