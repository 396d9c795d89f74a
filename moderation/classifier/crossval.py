"""Cross-validation of the whole risk check: a development tool, never run in production.

The held-out test split may be scored only rarely, so design choices (features, the
regularisation, the threshold recipe) are compared here instead: train and validation
are pooled and cut into FOLDS stratified, deterministic folds. Each fold is scored by
a head trained on three of the others, its regularisation and thresholds tuned on the
fourth and then fitted again on all four, exactly as `head_fit_tuned` does in training,
and the decision is the live one: rules and scores through `moderation.policy.decide`.
The go-live goals are reported on all the folds' decisions pooled, and per fold.

Embeddings are cached under var/crossval/, keyed by the model and the texts, so an
experiment on the head or the thresholds runs in seconds.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moderation.classifier.corpus import Example, targets_matrix
from moderation.classifier.evaluation import Goal, goals_check
from moderation.classifier.features import Recipe, features_of
from moderation.classifier.head import Head
from moderation.classifier.labels import LABELS
from moderation.classifier.rules_contact import mentions_masked
from moderation.classifier.ruleset import rules_match
from moderation.classifier.training import (
    RECIPE,
    Split,
    head_fit_tuned,
    rule_flags,
    split_embed,
)
from moderation.policy import decide

FOLDS = 5
CACHE_DIR = Path(__file__).resolve().parents[2] / "var" / "crossval"


@dataclass(frozen=True)
class FoldResult:
    """One fold: which examples it scored, the decisions, the thresholds it used."""

    index: int
    rows: np.ndarray
    scores: np.ndarray  # (rows, LABELS)
    decisions: list[str]
    thresholds: dict
    l2: float


def folds_assign(examples: list[Example], folds: int = FOLDS) -> np.ndarray:
    """The fold of each example. Stratified by the example's most urgent label (in
    LABELS order, safe last), ordered within a stratum by a hash of the id, so the
    same corpus always gives the same folds and a new example moves no other."""
    strata: dict[str, list[int]] = {}
    for i, example in enumerate(examples):
        first = next(label for label in LABELS if label in example.labels)
        strata.setdefault(first, []).append(i)
    assignment = np.zeros(len(examples), dtype=int)
    for members in strata.values():
        ordered = sorted(members, key=lambda i: hashlib.sha256(examples[i].id.encode()).digest())
        for position, i in enumerate(ordered):
            assignment[i] = position % folds
    return assignment


def vectors_cached(
    examples: list[Example], embedder, cache_dir: Path = CACHE_DIR, layers=RECIPE.layers
) -> np.ndarray:
    """The training embeddings of the examples (as split_embed makes them, with the
    given earlier layers beside the last), from the cache when the same model has
    embedded the same texts before."""
    digest = hashlib.sha256(str(embedder.path or "default-model").encode())
    digest.update(repr(tuple(layers)).encode())
    for example in examples:
        digest.update(example.text.encode() + b"\0")
    path = Path(cache_dir) / f"embeddings-{digest.hexdigest()[:16]}.npy"
    if path.exists():
        return np.load(path)
    vectors = split_embed(examples, embedder, Recipe(layers=tuple(layers))).vectors
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def crossval_features(examples: list[Example], vectors: np.ndarray, recipe=RECIPE) -> np.ndarray:
    """The head's input rows for the examples, as training makes them."""
    return features_of([mentions_masked(e.text) for e in examples], vectors, recipe)


def _split(examples, vectors, targets, rows) -> Split:
    return Split([examples[i] for i in rows], vectors[rows], targets[rows])


def crossval_run(
    examples: list[Example],
    features: np.ndarray,
    *,
    folds: int = FOLDS,
    fit: Callable = head_fit_tuned,
) -> list[FoldResult]:
    """Score every example once, by a head that never saw it (see the module doc).

    features: the head's input rows (features_of), one per example; fit: (train,
    tune, tune rule flags) -> Fitted, head_fit_tuned unless an experiment passes
    another.
    """
    targets = targets_matrix(examples)
    flags = rule_flags(examples)
    matches = [rules_match(example.text) for example in examples]
    assignment = folds_assign(examples, folds)
    results = []
    for k in range(folds):
        scored = np.flatnonzero(assignment == k)
        tune = np.flatnonzero(assignment == (k + 1) % folds)
        train = np.flatnonzero((assignment != k) & (assignment != (k + 1) % folds))
        fitted = fit(
            _split(examples, features, targets, train),
            _split(examples, features, targets, tune),
            flags[tune],
        )
        head = Head("fold", LABELS, fitted.weights, fitted.bias, fitted.thresholds)
        table = head.scores(features[scored])
        decisions = [
            decide(
                scores=dict(zip(LABELS, map(float, row), strict=True)),
                matches=matches[i],
                thresholds=fitted.thresholds,
            ).decision
            for i, row in zip(scored, table, strict=True)
        ]
        results.append(FoldResult(k, scored, table, decisions, fitted.thresholds, fitted.l2))
    return results


def goals_pooled(examples: list[Example], results: list[FoldResult]) -> list[Goal]:
    """The go-live goals over every fold's decisions together."""
    decisions = [""] * len(examples)
    for result in results:
        for i, decision in zip(result.rows, result.decisions, strict=True):
            decisions[i] = decision
    return goals_check(examples, decisions)


def report_lines(examples: list[Example], results: list[FoldResult]) -> list[str]:
    """The pooled goals, then one line of goal values per fold."""
    lines = [f"cross-validation, {len(results)} folds over {len(examples)} examples", ""]
    for goal in goals_pooled(examples, results):
        lines.append(f"  {'PASS' if goal.passed else 'FAIL'}  {goal.name}  ({goal.value:.3f})")
    lines += ["", "fold  l2      imminent  harm   imm.pub  risky.pub  safe.pub"]
    for result in results:
        chosen = [examples[i] for i in result.rows]
        values = [goal.value for goal in goals_check(chosen, result.decisions)]
        lines.append(
            f"{result.index:>4}  {result.l2:<7g}"
            + "".join(f"{v:>9.3f}" for v in values[:2])
            + "".join(f"{v:>10.3f}" for v in values[2:])
        )
    return lines
