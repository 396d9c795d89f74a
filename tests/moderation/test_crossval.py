"""The cross-validation harness's folds: stratified, deterministic, stable."""

from collections import Counter

from moderation.classifier.corpus import Example
from moderation.classifier.crossval import folds_assign


def _examples(count, labels, prefix):
    return [Example(f"{prefix}-{i}", "text", labels) for i in range(count)]


def test_each_label_is_spread_evenly_over_the_folds():
    examples = _examples(10, ("imminent_risk", "suicidal_ideation"), "a") + _examples(
        25, ("safe",), "b"
    )
    folds = folds_assign(examples, 5)
    assert Counter(folds[:10].tolist()) == dict.fromkeys(range(5), 2)
    assert Counter(folds[10:].tolist()) == dict.fromkeys(range(5), 5)


def test_the_same_corpus_in_any_order_gets_the_same_folds():
    examples = _examples(12, ("spam",), "s") + _examples(8, ("safe",), "t")
    folds = dict(zip([e.id for e in examples], folds_assign(examples), strict=True))
    reordered = examples[::-1]
    again = dict(zip([e.id for e in reordered], folds_assign(reordered), strict=True))
    assert folds == again
