"""The decision policy, the threshold tuning and the head file. Pure: no model, no DB."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from moderation.classifier.corpus import Example
from moderation.classifier.embeddings import DIMENSIONS
from moderation.classifier.evaluation import evaluate, goals_check
from moderation.classifier.head import (
    Head,
    _fit_one,
    head_dumps,
    head_fit,
    head_load,
    head_version,
)
from moderation.classifier.labels import (
    ESCALATE,
    HIGH,
    LABELS,
    NORMAL,
    PUBLISH,
    REVIEW,
    RISK_LABELS,
    URGENT,
    decision_expected,
)
from moderation.classifier.rules import RuleMatch
from moderation.classifier.thresholds import (
    LABEL_RECALL,
    SAFE_BUDGET,
    SAFE_BUDGET_ESCALATE,
    decisions_of,
    goal_shortfall,
    safe_budget_floor,
    thresholds_lower,
    thresholds_start,
    thresholds_tune,
)
from moderation.classifier.training import Split, head_fit_tuned
from moderation.policy import Decision, ThresholdError, decide, thresholds_merge

ROOT = Path(__file__).resolve().parents[2]
THRESHOLDS = dict.fromkeys(RISK_LABELS, 0.5)


def scores(**given):
    return {label: given.get(label, 0.0) for label in LABELS}


def rule(label, priority=NORMAL):
    return RuleMatch("some_rule", label, 0, 4, priority)


# --- decide -------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["imminent_risk", "harm_to_others"])
def test_imminent_risk_or_harm_to_others_escalates_as_urgent(label):
    verdict = decide(scores=scores(**{label: 0.9}), matches=[], thresholds=THRESHOLDS)
    assert verdict == Decision(ESCALATE, (label,), URGENT)


@pytest.mark.parametrize(
    ("label", "priority"),
    [
        ("suicidal_ideation", HIGH),
        ("self_harm", HIGH),
        ("harassment", NORMAL),
        ("personal_info", NORMAL),
        ("spam", NORMAL),
    ],
)
def test_any_other_risk_label_is_reviewed(label, priority):
    verdict = decide(scores=scores(**{label: 0.9}), matches=[], thresholds=THRESHOLDS)
    assert verdict == Decision(REVIEW, (label,), priority)


def test_nothing_over_threshold_and_no_rule_publishes_without_a_case():
    verdict = decide(scores=scores(spam=0.49, safe=0.1), matches=[], thresholds=THRESHOLDS)
    assert verdict == Decision(PUBLISH, (), None)


def test_a_score_exactly_at_its_threshold_counts():
    verdict = decide(scores=scores(self_harm=0.5), matches=[], thresholds=THRESHOLDS)
    assert verdict.labels == ("self_harm",)


def test_thresholds_are_per_label():
    limits = {**THRESHOLDS, "spam": 0.95}
    verdict = decide(scores=scores(spam=0.9, harassment=0.6), matches=[], thresholds=limits)
    assert verdict.labels == ("harassment",)


def test_a_rule_counts_its_label_whatever_the_score():
    matches = [rule("imminent_risk", URGENT)]
    verdict = decide(scores=scores(safe=0.99), matches=matches, thresholds=THRESHOLDS)
    assert verdict == Decision(ESCALATE, ("imminent_risk",), URGENT)


def test_a_rules_priority_hint_can_raise_the_case_priority():
    verdict = decide(scores=scores(), matches=[rule("harassment", HIGH)], thresholds=THRESHOLDS)
    assert verdict == Decision(REVIEW, ("harassment",), HIGH)


def test_the_safe_score_is_never_a_risk_label():
    verdict = decide(scores=scores(safe=1.0), matches=[], thresholds={**THRESHOLDS, "safe": 0.1})
    assert verdict.decision == PUBLISH


def test_a_label_without_a_threshold_is_judged_by_rules_only():
    verdict = decide(scores=scores(spam=1.0), matches=[], thresholds={"harassment": 0.5})
    assert verdict.decision == PUBLISH


def test_labels_come_in_taxonomy_order():
    verdict = decide(
        scores=scores(spam=0.9, imminent_risk=0.9),
        matches=[rule("self_harm")],
        thresholds=THRESHOLDS,
    )
    assert verdict.labels == ("imminent_risk", "self_harm", "spam")


def test_without_the_model_nothing_is_published_and_rules_set_the_priority():
    assert decide(scores=None, matches=[], thresholds={}) == Decision(REVIEW, (), NORMAL)
    with_rule = decide(scores=None, matches=[rule("self_harm", HIGH)], thresholds={})
    assert with_rule == Decision(REVIEW, ("self_harm",), HIGH)
    threat = decide(scores=None, matches=[rule("harm_to_others", URGENT)], thresholds={})
    assert threat == Decision(ESCALATE, ("harm_to_others",), URGENT)


# --- thresholds_merge -----------------------------------------------------------------


def test_settings_override_the_heads_thresholds_label_by_label():
    merged = thresholds_merge(THRESHOLDS, {"spam": "0.9"})
    assert merged["spam"] == 0.9 and merged["self_harm"] == 0.5


@pytest.mark.parametrize("overrides", [{"spma": 0.5}, {"spam": 1.5}, {"spam": -0.1}])
def test_bad_threshold_overrides_are_refused(overrides):
    with pytest.raises(ThresholdError):
        thresholds_merge(THRESHOLDS, overrides)


# --- threshold tuning -----------------------------------------------------------------


def _random_case(seed, n=60):
    rng = np.random.default_rng(seed)
    return (
        rng.random((n, len(RISK_LABELS))),
        rng.random((n, len(RISK_LABELS))) < 0.1,
        np.array([rng.random() for _ in range(len(RISK_LABELS))]),
    )


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_decisions_agree_with_the_policy(seed):
    score_table, by_rules, limits = _random_case(seed)
    fast = decisions_of(score_table, by_rules, limits)
    names = {0: PUBLISH, 1: REVIEW, 2: ESCALATE}
    for row, flags, decision in zip(score_table, by_rules, fast, strict=True):
        matches = [rule(label) for label, on in zip(RISK_LABELS, flags, strict=True) if on]
        verdict = decide(
            scores=dict(zip(RISK_LABELS, row, strict=True)),
            matches=matches,
            thresholds=dict(zip(RISK_LABELS, limits, strict=True)),
        )
        assert verdict.decision == names[int(decision)]


def _tuning_split():
    """Risky examples score 0.4-1.0 on their label; safe ones 0-0.6 on everything."""
    rng = np.random.default_rng(7)
    rows, targets = [], []
    for j in range(len(RISK_LABELS)):
        for _ in range(20):
            row = rng.random(len(RISK_LABELS)) * 0.3
            row[j] = 0.4 + 0.6 * rng.random()
            rows.append(row)
            targets.append([int(k == j) for k in range(len(LABELS))])
    for _ in range(60):
        rows.append(rng.random(len(RISK_LABELS)) * 0.6)
        targets.append([0] * len(RISK_LABELS) + [1])
    return np.array(rows), np.array(targets)


def test_tuned_thresholds_meet_the_goals_on_the_split_they_were_tuned_on():
    score_table, targets = _tuning_split()
    no_rules = np.zeros_like(score_table, dtype=bool)
    tuned = thresholds_tune(score_table, targets, no_rules)
    limits = np.array([tuned[label] for label in RISK_LABELS])
    decisions = decisions_of(score_table, no_rules, limits)
    imminent, harm = targets[:, 0] == 1, targets[:, 3] == 1
    assert (decisions[imminent] == 2).mean() >= 0.95 and (decisions[harm] == 2).mean() >= 0.95
    assert not (decisions[imminent] == 0).any()
    assert (decisions[targets[:, -1] == 0] == 0).mean() <= 0.02
    assert all(0.02 <= value <= 0.99 for value in tuned.values())


def test_caution_stops_at_the_safe_budget_when_the_goals_do_not_need_lower():
    """Four threats the model scores near zero are caught by a rule: the goals are met,
    so the model-alone cap and the margin may not drag the threshold to the bottom."""
    score_table, targets = _tuning_split()
    harm = RISK_LABELS.index("harm_to_others")
    by_rules = np.zeros_like(score_table, dtype=bool)
    quiet = np.flatnonzero(targets[:, harm] == 1)[:4]
    score_table[quiet, harm] = 0.01
    by_rules[quiet, harm] = True
    tuned = thresholds_tune(score_table, targets, by_rules)
    # The goals alone would stop at `needed`; the budget's floor (harm to others alone
    # escalating SAFE_BUDGET_ESCALATE of safe posts) may only be undercut down to it.
    start = thresholds_start(score_table, targets, by_rules, recall=LABEL_RECALL)
    needed = thresholds_lower(score_table, targets, by_rules, start)[harm]
    floor = safe_budget_floor(score_table, targets)[harm]
    assert tuned["harm_to_others"] >= np.floor(min(needed, floor) * 10**4) / 10**4 > 0.3
    decisions = decisions_of(score_table, by_rules, np.array([tuned[x] for x in RISK_LABELS]))
    assert goal_shortfall(targets, decisions) == 0


def test_the_escalation_labels_have_the_smaller_safe_budget():
    safe_scores = np.tile(np.linspace(0, 1, 101)[:, None], (1, len(RISK_LABELS)))
    targets = np.zeros((101, len(LABELS)), dtype=int)
    targets[:, -1] = 1
    floor = dict(zip(RISK_LABELS, safe_budget_floor(safe_scores, targets), strict=True))
    assert (
        floor["harm_to_others"] == floor["imminent_risk"] == pytest.approx(1 - SAFE_BUDGET_ESCALATE)
    )
    assert floor["spam"] == floor["self_harm"] == pytest.approx(1 - SAFE_BUDGET)


def test_tuning_would_rather_hold_safe_posts_for_review_than_escalate_them():
    """One ideation post is published, and either threshold would catch it: lowering
    harm to others escalates two safe posts, lowering ideation holds three for review.
    An escalation pages whoever is on call, so ideation is the one lowered."""
    ideation, harm = RISK_LABELS.index("suicidal_ideation"), RISK_LABELS.index("harm_to_others")
    rows, targets, by_rules = [], [], []

    def add(label_scores, target, flagged=()):
        row = np.zeros(len(RISK_LABELS))
        for j, value in label_scores.items():
            row[j] = value
        rows.append(row)
        targets.append([int(j == target) for j in range(len(LABELS))])
        by_rules.append([j in flagged for j in range(len(RISK_LABELS))])

    for j in (RISK_LABELS.index("imminent_risk"), harm):  # escalated by rules already
        for _ in range(5):
            add({}, j, flagged=(j,))
    add({ideation: 0.5, harm: 0.5}, ideation)
    for _ in range(3):
        add({ideation: 0.55}, len(RISK_LABELS))
    for _ in range(2):
        add({harm: 0.55}, len(RISK_LABELS))
    score_table, targets, by_rules = np.array(rows), np.array(targets), np.array(by_rules)
    lowered = thresholds_lower(score_table, targets, by_rules, np.full(len(RISK_LABELS), 0.9))
    assert lowered[ideation] == 0.5
    assert lowered[harm] == 0.9


def test_threshold_tuning_is_deterministic():
    score_table, targets = _tuning_split()
    no_rules = np.zeros_like(score_table, dtype=bool)
    assert thresholds_tune(score_table, targets, no_rules) == thresholds_tune(
        score_table, targets, no_rules
    )


# --- the head -----------------------------------------------------------------------


def _toy_vectors():
    rng = np.random.default_rng(3)
    # As wide as the embedding, so a saved head is one head_load accepts.
    centres = rng.normal(size=(len(LABELS), DIMENSIONS))
    vectors = np.vstack(
        [centres[j] + 0.3 * rng.normal(size=(10, DIMENSIONS)) for j in range(len(LABELS))]
    )
    targets = np.repeat(np.eye(len(LABELS), dtype=int), 10, axis=0)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), targets


def test_the_head_learns_separable_labels_and_training_is_repeatable():
    vectors, targets = _toy_vectors()
    weights, bias = head_fit(vectors, targets, l2=1e-3)
    again = head_fit(vectors, targets, l2=1e-3)
    assert np.array_equal(weights, again[0]) and np.array_equal(bias, again[1])
    head = Head("v", LABELS, weights, bias, {})
    assert (head.scores(vectors).argmax(axis=1) == targets.argmax(axis=1)).all()


@pytest.mark.parametrize("examples", [30, 90])
def test_a_newton_fit_through_the_examples_matches_one_through_the_features(examples):
    """Training solves each step in whichever space is cheaper; both must give the
    same regression, with fewer examples than features and with more."""
    rng = np.random.default_rng(examples)
    vectors = rng.normal(size=(examples, 50))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    y = (vectors[:, 0] + 0.3 * rng.normal(size=examples) > 0).astype(float)
    x = np.hstack([vectors, np.ones((examples, 1))])
    extra = np.where(rng.random(examples) < 0.3, 2.0, 1.0)
    features = _fit_one(x, y, 1e-3, extra)
    through_examples = _fit_one(x, y, 1e-3, extra, kernel=vectors @ vectors.T)
    assert np.allclose(features, through_examples, atol=1e-8)
    assert not np.allclose(features, 0)


def test_the_saved_head_also_learns_from_validation_with_its_drafts_thresholds():
    """Spam appears only in validation: the draft, fitted on train alone, cannot tell
    it; the saved head, fitted again on both, can, and keeps the draft's thresholds."""
    vectors, targets = _toy_vectors()
    spam = targets[:, LABELS.index("spam")] == 1
    tune = spam | (np.arange(len(vectors)) % 3 == 0)
    train, validation = (Split([], vectors[rows], targets[rows]) for rows in (~tune, tune))
    flags = np.zeros((int(tune.sum()), len(RISK_LABELS)), dtype=bool)
    fitted = head_fit_tuned(train, validation, flags)
    saved = Head("v", LABELS, fitted.weights, fitted.bias, fitted.thresholds)
    column = LABELS.index("spam")
    assert saved.scores(vectors[spam])[:, column].min() > 0.5
    assert fitted.draft.scores(vectors[spam])[:, column].max() < 0.5
    assert fitted.draft.thresholds == fitted.thresholds


def test_a_long_post_scores_as_its_riskiest_window():
    head = Head("v", ("a", "b"), np.eye(2), np.zeros(2), {})
    windows = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    per_text = head.scores_by_text(windows, np.array([0, 0, 1]), 2)
    assert per_text[0].round(3).tolist() == [0.731, 0.731]
    assert per_text[1].round(3).tolist() == [0.5, 0.5]


def test_the_head_file_round_trips_and_its_version_tracks_corpus_and_weights(tmp_path):
    vectors, targets = _toy_vectors()
    weights, bias = head_fit(vectors, targets, l2=1e-3)
    version = head_version(weights, bias, THRESHOLDS, "corpus-a")
    assert version.startswith("head-v1-") and len(version) == len("head-v1-") + 12
    assert head_version(weights, bias, THRESHOLDS, "corpus-b") != version
    assert head_version(weights + 1e-3, bias, THRESHOLDS, "corpus-a") != version
    head = Head(version, LABELS, weights, bias, THRESHOLDS, {"l2": 1e-3})
    path = tmp_path / "head.json"
    path.write_text(head_dumps(head))
    loaded = head_load(path)
    assert loaded.version == version and loaded.thresholds == THRESHOLDS
    assert np.array_equal(loaded.weights, weights) and np.array_equal(loaded.bias, bias)
    assert head_dumps(loaded) == path.read_text()
    assert json.loads(path.read_text())["training"] == {"l2": 1e-3}


# --- evaluation ---------------------------------------------------------------------


def test_expected_decisions_follow_the_true_labels():
    assert decision_expected(["safe"]) == PUBLISH
    assert decision_expected(["spam", "harassment"]) == REVIEW
    assert decision_expected(["suicidal_ideation", "imminent_risk"]) == ESCALATE


class _Verdict:
    def __init__(self, decision, labels=()):
        self.decision, self.labels = decision, tuple(labels)


def test_goals_fail_when_an_imminent_risk_post_is_published():
    examples = [Example("1", "x", ("imminent_risk",)), Example("2", "y", ("safe",))]
    goals = {g.name: g.passed for g in goals_check(examples, [PUBLISH, PUBLISH])}
    assert goals["no imminent_risk example published"] is False
    assert goals["at least 90% of safe examples published"] is True


def test_evaluation_counts_decisions_and_per_label_precision_and_recall():
    examples = [
        Example("1", "a", ("spam",)),
        Example("2", "b", ("safe",)),
        Example("3", "c", ("harm_to_others",)),
    ]
    verdicts = [
        _Verdict(REVIEW, ["spam"]),
        _Verdict(REVIEW, ["spam"]),
        _Verdict(ESCALATE, ["harm_to_others"]),
    ]
    report = evaluate(examples, verdicts)
    assert report.per_label["spam"] == (0.5, 1.0, 1)
    assert report.confusion[PUBLISH][REVIEW] == 1
    assert report.confusion[ESCALATE][ESCALATE] == 1
    assert not report.passed  # one of one safe post held


def test_importing_the_risk_check_loads_neither_torch_nor_the_model():
    # Workers fork after import: torch and the model must load in the child, on use.
    code = (
        "import sys, moderation.policy, moderation.classifier.assessment, "
        "moderation.classifier.training; print('torch' in sys.modules, "
        "'transformers' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"], result.stderr
