"""Where the automatic check comes from: the classifier, or (in tests that are not
about the classifier) a stand-in named by settings.HARBOUR_RISK_BACKEND.

A backend has `assess(texts) -> list[Assessment]` (raising when the model cannot
run) and `assess_rules_only(text) -> Assessment`.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from moderation.classifier import assessment as classifier


class ClassifierBackend:
    """The real check: rules, MiniLM embeddings and the trained head."""

    def assess(self, texts):
        return classifier.assess(
            texts,
            thresholds=settings.HARBOUR_RISK_THRESHOLDS,
            head_path=settings.HARBOUR_RISK_HEAD_PATH or None,
            threads=settings.HARBOUR_RISK_TORCH_THREADS,
        )

    def assess_rules_only(self, text):
        return classifier.assess_rules_only(text)


def risk_backend():
    return import_string(settings.HARBOUR_RISK_BACKEND)()
