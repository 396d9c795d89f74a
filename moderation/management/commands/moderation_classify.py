"""`manage.py moderation_classify --input FILE [--handles FILE]`: the risk check over
JSON Lines, one JSON object a line on standard output. Needs no database."""

import json
import sys
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.classifier.assessment import assess
from moderation.classifier.batch import BATCH_SIZE, classify_lines, handles_read
from moderation.classifier.embeddings import ModelUnavailable
from moderation.classifier.head import HeadUnavailable


class Command(BaseCommand):
    help = "Assess JSON Lines posts ({id, text}) and print one decision a line as JSON."
    # Other tools pipe posts through this on machines without the database, and
    # system checks may query it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help='JSON Lines file, or "-" for stdin')
        parser.add_argument("--handles", help="known forum handles, one a line")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, **options):
        assess_batch = partial(
            assess,
            handles=self._handles(options["handles"]),
            thresholds=settings.HARBOUR_RISK_THRESHOLDS,
            head_path=settings.HARBOUR_RISK_HEAD_PATH or None,
            threads=settings.HARBOUR_RISK_TORCH_THREADS,
        )
        self.malformed = []
        source = sys.stdin if options["input"] == "-" else open(options["input"], encoding="utf-8")  # noqa: SIM115
        try:
            for result in classify_lines(
                source, assess_batch, on_error=self._report, batch_size=options["batch_size"]
            ):
                self.stdout.write(json.dumps(result, ensure_ascii=False))
        except (ModelUnavailable, HeadUnavailable) as error:
            raise CommandError(f"the risk model cannot run: {error}", returncode=3) from error
        finally:
            if source is not sys.stdin:
                source.close()
        if self.malformed:
            raise CommandError(f"{len(self.malformed)} malformed line(s) skipped", returncode=2)

    def _handles(self, path):
        if not path:
            return None
        with open(path, encoding="utf-8") as lines:
            return handles_read(lines)

    def _report(self, error):
        self.malformed.append(error)
        self.stderr.write(str(error))
