"""The risk check: texts in, one Assessment per text out.

`assess` is the one function the live pipeline and `manage.py moderation_classify`
both call, so what the batch command says is what members get.
"""

import logging
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from moderation.classifier.embeddings import Embedder
from moderation.classifier.features import lexical_matrix
from moderation.classifier.head import Head, head_load
from moderation.classifier.labels import LABELS
from moderation.classifier.rules import RuleMatch
from moderation.classifier.rules_contact import mentions_masked
from moderation.classifier.ruleset import rules_match
from moderation.policy import decide, thresholds_merge

log = logging.getLogger(__name__)

BATCH_SIZE = 32


@dataclass(frozen=True)
class Assessment:
    """The verdict on one text. scores is empty and model_version None when the
    model could not run (the rules still did)."""

    decision: str
    labels: tuple[str, ...]
    scores: dict[str, float]
    rules: tuple[RuleMatch, ...]
    priority: str | None
    model_version: str | None

    def as_dict(self) -> dict:
        """Plain data for JSON: the batch command's line, minus the id."""
        return {
            "decision": self.decision,
            "labels": list(self.labels),
            "scores": {label: round(score, 4) for label, score in self.scores.items()},
            "rules": [match.as_dict() for match in self.rules],
            "model_version": self.model_version,
        }


class Classifier:
    """The head and the embedder together. One per process (see classifier_get)."""

    def __init__(self, head: Head, embedder: Embedder):
        self.head = head
        self.embedder = embedder

    def scores(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> list[dict]:
        """The head's score for every label, per text, in batches."""
        result: list[dict] = []
        for first in range(0, len(texts), batch_size):
            chunk = list(texts[first : first + batch_size])
            vectors, owners = self.embedder.embed_windows(chunk, self.head.recipe.layers)
            lexical = lexical_matrix(chunk, self.head.recipe)
            table = self.head.scores_by_text(vectors, owners, len(chunk), lexical)
            result += [dict(zip(self.head.labels, map(float, row), strict=True)) for row in table]
        return result

    def assess(
        self,
        texts: Sequence[str],
        *,
        handles: Iterable[str] | None = None,
        thresholds: Mapping[str, float] | None = None,
    ) -> list[Assessment]:
        """Rules, scores and the policy's decision for each text."""
        limits = thresholds_merge(self.head.thresholds, thresholds)
        handles = None if handles is None else list(handles)
        scores = self.scores([mentions_masked(text, handles) for text in texts])
        return [
            _assessment(text, text_scores, handles, limits, self.head.version)
            for text, text_scores in zip(texts, scores, strict=True)
        ]


def _assessment(text, scores, handles, thresholds, version) -> Assessment:
    matches = rules_match(text, handles)
    verdict = decide(scores=scores, matches=matches, thresholds=thresholds)
    ordered = {label: scores[label] for label in LABELS} if scores is not None else {}
    return Assessment(
        verdict.decision, verdict.labels, ordered, tuple(matches), verdict.priority, version
    )


def assess_rules_only(text: str, *, handles: Iterable[str] | None = None) -> Assessment:
    """The check when the model cannot run: never publish; the rules alone set the
    labels and the priority, and can still escalate."""
    return _assessment(text, None, None if handles is None else list(handles), {}, None)


_loaded: dict[tuple, tuple[int, Classifier]] = {}


def classifier_get(*, head_path=None, threads: int | None = None) -> Classifier:
    """The process's classifier, loaded on first use.

    Keyed by process id as well: a classifier inherited through fork is not reused,
    because torch's thread pool does not survive a fork.
    """
    key = (str(head_path or ""), threads)
    cached = _loaded.get(key)
    if cached and cached[0] == os.getpid():
        return cached[1]
    started = time.perf_counter()
    classifier = Classifier(head_load(head_path), Embedder(threads=threads).load())
    log.info(
        "risk classifier %s ready in %.2fs", classifier.head.version, time.perf_counter() - started
    )
    _loaded[key] = (os.getpid(), classifier)
    return classifier


def assess(
    texts: Sequence[str],
    *,
    handles: Iterable[str] | None = None,
    thresholds: Mapping[str, float] | None = None,
    head_path=None,
    threads: int | None = None,
) -> list[Assessment]:
    """Assess texts with the process's classifier (loaded on first call).

    handles: known forum handles (an @word not among them is a social handle), or
    None to read an @word as a forum mention unless a platform cue introduces it.
    thresholds: per-label overrides of the head's tuned thresholds (settings).
    Raises ModelUnavailable or HeadUnavailable when the model cannot run; callers
    then fall back to assess_rules_only and hold the item.
    """
    classifier = classifier_get(head_path=head_path, threads=threads)
    return classifier.assess(texts, handles=handles, thresholds=thresholds)
