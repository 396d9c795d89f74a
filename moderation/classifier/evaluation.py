"""Measuring the risk check on a labelled split: per-label precision and recall, the
confusion of decisions, and the goals the check must meet before it goes live."""

from collections.abc import Sequence
from dataclasses import dataclass

from moderation.classifier.corpus import Example
from moderation.classifier.labels import (
    DECISIONS,
    ESCALATE,
    HARM_TO_OTHERS,
    IMMINENT_RISK,
    PUBLISH,
    RISK_LABELS,
    SAFE,
    decision_expected,
)

ESCALATE_RECALL_GOAL = 0.95
RISKY_PUBLISHED_GOAL = 0.02
SAFE_PUBLISHED_GOAL = 0.90


@dataclass(frozen=True)
class Goal:
    """One go-live criterion and whether the split met it."""

    name: str
    value: float
    passed: bool


@dataclass(frozen=True)
class Report:
    """Everything evaluate prints."""

    size: int
    per_label: dict[str, tuple[float, float, int]]  # label -> (precision, recall, support)
    confusion: dict[str, dict[str, int]]  # expected decision -> predicted -> count
    goals: list[Goal]

    @property
    def passed(self) -> bool:
        """True when every goal passed."""
        return all(goal.passed for goal in self.goals)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def per_label_metrics(examples: Sequence[Example], predicted: Sequence[Sequence[str]]) -> dict:
    """Precision, recall and support of each risk label (labels the policy counted)."""
    metrics = {}
    for label in RISK_LABELS:
        truth = [label in e.labels for e in examples]
        guess = [label in p for p in predicted]
        hits = sum(t and g for t, g in zip(truth, guess, strict=True))
        metrics[label] = (_ratio(hits, sum(guess)), _ratio(hits, sum(truth)), sum(truth))
    return metrics


def decision_confusion(examples: Sequence[Example], decisions: Sequence[str]) -> dict:
    """Counts of (expected decision, predicted decision)."""
    table = {expected: dict.fromkeys(DECISIONS, 0) for expected in DECISIONS}
    for example, decision in zip(examples, decisions, strict=True):
        table[decision_expected(example.labels)][decision] += 1
    return table


def _share(examples, decisions, wanted, keep) -> tuple[float, int]:
    chosen = [d for e, d in zip(examples, decisions, strict=True) if keep(e)]
    return _ratio(sum(d == wanted for d in chosen), len(chosen)), len(chosen)


def goals_check(examples: Sequence[Example], decisions: Sequence[str]) -> list[Goal]:
    """The go-live goals, each measured on the given split."""
    goals = []
    for label in (IMMINENT_RISK, HARM_TO_OTHERS):
        recall, _ = _share(examples, decisions, ESCALATE, lambda e, label=label: label in e.labels)
        goals.append(
            Goal(f"escalate recall on {label} >= 0.95", recall, recall >= ESCALATE_RECALL_GOAL)
        )
    imminent, _ = _share(examples, decisions, PUBLISH, lambda e: IMMINENT_RISK in e.labels)
    goals.append(Goal("no imminent_risk example published", imminent, imminent == 0))
    risky, _ = _share(examples, decisions, PUBLISH, lambda e: SAFE not in e.labels)
    goals.append(
        Goal("at most 2% of risky examples published", risky, risky <= RISKY_PUBLISHED_GOAL)
    )
    safe, _ = _share(examples, decisions, PUBLISH, lambda e: SAFE in e.labels)
    goals.append(Goal("at least 90% of safe examples published", safe, safe >= SAFE_PUBLISHED_GOAL))
    return goals


def evaluate(examples: Sequence[Example], assessments: Sequence) -> Report:
    """Compare assessments (anything with .decision and .labels) to the true labels."""
    decisions = [a.decision for a in assessments]
    return Report(
        size=len(examples),
        per_label=per_label_metrics(examples, [a.labels for a in assessments]),
        confusion=decision_confusion(examples, decisions),
        goals=goals_check(examples, decisions),
    )


def report_lines(report: Report, *, title: str = "") -> list[str]:
    """The report as text for a terminal."""
    lines = [
        f"{title} ({report.size} examples)".strip(),
        "",
        "label               precision  recall  support",
    ]
    for label, (precision, recall, support) in report.per_label.items():
        lines.append(f"{label:<20}{precision:>9.3f}{recall:>8.3f}{support:>9}")
    lines += [
        "",
        "decisions: expected (rows) vs predicted (columns)",
        " " * 10 + "".join(f"{d:>10}" for d in DECISIONS),
    ]
    for expected, row in report.confusion.items():
        lines.append(f"{expected:<10}" + "".join(f"{row[d]:>10}" for d in DECISIONS))
    lines += ["", "goals"]
    for goal in report.goals:
        lines.append(f"  {'PASS' if goal.passed else 'FAIL'}  {goal.name}  ({goal.value:.3f})")
    return lines
