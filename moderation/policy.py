"""The decision policy: scores and rule matches in, publish / review / escalate out.

Pure: no Django. Thresholds come in from the caller (the head's tuned defaults,
overridden by settings), so the policy itself has no configuration.

- imminent_risk or harm_to_others -> escalate (urgent case, crisis help at once);
- any other risk label -> review (held for a Wall Guide);
- otherwise -> publish.

A label counts when its score reaches its threshold OR a rule supporting it matched:
rules are there to catch what the model misses, so they can only add risk. When the
model is unavailable (scores is None) nothing is published: the item is held and the
rules alone say how urgent it is.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from moderation.classifier.labels import (
    ESCALATE,
    ESCALATE_LABELS,
    LABEL_PRIORITY,
    NORMAL,
    PUBLISH,
    REVIEW,
    RISK_LABELS,
    priority_max,
)


class ThresholdError(ValueError):
    """A threshold names an unknown label or is not a probability."""


@dataclass(frozen=True)
class Decision:
    """What to do with a text, which risk labels led there, and how urgent a case is."""

    decision: str
    labels: tuple[str, ...]
    # None for a published text: no case opens.
    priority: str | None


def thresholds_merge(defaults: Mapping[str, float], overrides: Mapping | None) -> dict:
    """The head's tuned thresholds with settings' overrides on top, checked."""
    merged = {**defaults, **(overrides or {})}
    for label, value in merged.items():
        if label not in RISK_LABELS and label != "safe":
            raise ThresholdError(f"unknown label in thresholds: {label!r}")
        if not 0.0 <= float(value) <= 1.0:
            raise ThresholdError(f"threshold for {label} must be between 0 and 1, not {value}")
    return {label: float(value) for label, value in merged.items()}


def labels_flagged(
    *, scores: Mapping[str, float] | None, matches: Iterable, thresholds: Mapping[str, float]
) -> tuple[str, ...]:
    """Risk labels that count: score at or over threshold, or supported by a rule.

    A label without a threshold is judged by rules alone, never by its score.
    """
    by_rules = {match.label for match in matches}
    by_model = {
        label
        for label, score in (scores or {}).items()
        if label in thresholds and score >= thresholds[label]
    }
    return tuple(label for label in RISK_LABELS if label in by_rules | by_model)


def decide(
    *, scores: Mapping[str, float] | None, matches: Iterable, thresholds: Mapping[str, float]
) -> Decision:
    """Decide for one text. scores is None when the model could not run."""
    matches = list(matches)
    labels = labels_flagged(scores=scores, matches=matches, thresholds=thresholds)
    if ESCALATE_LABELS.intersection(labels):
        decision = ESCALATE
    elif labels or scores is None:
        decision = REVIEW
    else:
        return Decision(PUBLISH, (), None)
    hints = [LABEL_PRIORITY[label] for label in labels] + [m.priority for m in matches]
    return Decision(decision, labels, priority_max(hints) or NORMAL)
