"""`manage.py moderation_train`: train the risk head on train.jsonl, tune its
thresholds on validation.jsonl, fit it again on both, and write the head file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.classifier.assessment import Classifier
from moderation.classifier.corpus import (
    DATA_DIR,
    TRAIN,
    VALIDATION,
    CorpusError,
    corpus_digest,
    corpus_read,
)
from moderation.classifier.embeddings import Embedder
from moderation.classifier.evaluation import evaluate, report_lines
from moderation.classifier.head import HEAD_PATH, head_save
from moderation.classifier.training import head_train


class Command(BaseCommand):
    help = "Train the risk classifier's head and write its weights file."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DATA_DIR), help="folder of the corpus")
        parser.add_argument("--output", default=str(HEAD_PATH), help="head file to write")

    def handle(self, *args, **options):
        data = Path(options["data"])
        try:
            train, validation = corpus_read(data / TRAIN), corpus_read(data / VALIDATION)
        except CorpusError as error:
            raise CommandError(str(error)) from error
        embedder = Embedder(threads=settings.HARBOUR_RISK_TORCH_THREADS)
        digest = corpus_digest(data / TRAIN, data / VALIDATION)
        head, draft = head_train(train, validation, embedder, corpus_digest=digest)
        head_save(head, Path(options["output"]))
        self.stdout.write(f"wrote {options['output']}: {head.version}")
        self.stdout.write(f"l2 {head.training['l2']:g}, thresholds {head.thresholds}")
        # The saved head also learnt from validation, so its own figures there would
        # flatter it; the draft, fitted on train alone, is what the thresholds were
        # tuned for.
        assessments = Classifier(draft, embedder).assess([e.text for e in validation])
        title = "validation split, head fitted on train alone (the saved head also learnt it)"
        for line in report_lines(evaluate(validation, assessments), title=title):
            self.stdout.write(line)
