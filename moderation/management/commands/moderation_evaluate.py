"""`manage.py moderation_evaluate`: measure the risk check on the held-out test
split and check the go-live goals. Exits non-zero when a goal fails."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.classifier.assessment import assess
from moderation.classifier.corpus import DATA_DIR, TEST, CorpusError, corpus_read
from moderation.classifier.evaluation import evaluate, report_lines
from moderation.classifier.labels import decision_expected


class Command(BaseCommand):
    help = "Per-label precision/recall, decision confusion and goals on the test split."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--split", default=str(DATA_DIR / TEST), help="labelled JSON Lines")
        parser.add_argument("--no-fail", action="store_true", help="print only; exit 0")
        parser.add_argument("--misses", action="store_true", help="list wrong decisions")

    def handle(self, *args, **options):
        try:
            examples = corpus_read(options["split"])
        except CorpusError as error:
            raise CommandError(str(error)) from error
        assessments = assess(
            [e.text for e in examples],
            thresholds=settings.HARBOUR_RISK_THRESHOLDS,
            head_path=settings.HARBOUR_RISK_HEAD_PATH or None,
            threads=settings.HARBOUR_RISK_TORCH_THREADS,
        )
        report = evaluate(examples, assessments)
        self.stdout.write(f"model {assessments[0].model_version if assessments else '-'}")
        for line in report_lines(report, title=Path(options["split"]).name):
            self.stdout.write(line)
        if options["misses"]:
            self._misses(examples, assessments)
        if not report.passed and not options["no_fail"]:
            raise CommandError("some goals failed", returncode=1)

    def _misses(self, examples, assessments):
        self.stdout.write("\nwrong decisions")
        for example, assessment in zip(examples, assessments, strict=True):
            expected = decision_expected(example.labels)
            if expected != assessment.decision:
                self.stdout.write(
                    f"  {example.id}: expected {expected}, got {assessment.decision} "
                    f"{list(assessment.labels)} {[m.rule for m in assessment.rules]}"
                )
