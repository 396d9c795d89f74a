"""`manage.py moderation_crossval`: the go-live goals in cross-validation over train
and validation pooled (a development tool; see moderation/classifier/crossval.py).
Never reads the test split."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.classifier.corpus import DATA_DIR, TRAIN, VALIDATION, CorpusError, corpus_read
from moderation.classifier.crossval import (
    FOLDS,
    crossval_features,
    crossval_run,
    report_lines,
    vectors_cached,
)
from moderation.classifier.embeddings import Embedder


class Command(BaseCommand):
    help = "Cross-validate the risk check (rules, head, thresholds) on train and validation."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DATA_DIR), help="folder of the corpus")
        parser.add_argument("--folds", type=int, default=FOLDS, help="number of folds")

    def handle(self, *args, **options):
        data = Path(options["data"])
        try:
            examples = corpus_read(data / TRAIN) + corpus_read(data / VALIDATION)
        except CorpusError as error:
            raise CommandError(str(error)) from error
        vectors = vectors_cached(examples, Embedder(threads=settings.HARBOUR_RISK_TORCH_THREADS))
        features = crossval_features(examples, vectors)
        results = crossval_run(examples, features, folds=options["folds"])
        for line in report_lines(examples, results):
            self.stdout.write(line)
