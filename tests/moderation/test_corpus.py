"""The labelled corpus in moderation/data/: it parses, uses the taxonomy, is big
enough, and its held-out test split does not repeat the training split."""

import numpy as np
import pytest

from moderation.classifier.corpus import (
    DATA_DIR,
    TEST,
    TRAIN,
    VALIDATION,
    CorpusError,
    corpus_overlap,
    corpus_read,
    label_counts,
    near_duplicates,
)
from moderation.classifier.embeddings import Embedder
from moderation.classifier.labels import LABELS, RISK_LABELS, SAFE


@pytest.fixture(scope="module")
def splits():
    return {name: corpus_read(DATA_DIR / name) for name in (TRAIN, VALIDATION, TEST)}


def test_every_split_parses_with_known_labels_and_unique_ids(splits):
    for examples in splits.values():
        assert examples
        for example in examples:
            assert example.text.strip()
            assert set(example.labels) <= set(LABELS)
    ids = [e.id for examples in splits.values() for e in examples]
    assert len(ids) == len(set(ids)), "an id appears in two splits"


def test_train_has_at_least_60_examples_of_each_risk_label(splits):
    counts = label_counts(splits[TRAIN])
    assert {label: counts[label] >= 60 for label in RISK_LABELS} == dict.fromkeys(RISK_LABELS, True)


def test_train_and_validation_have_at_least_300_safe_examples(splits):
    assert label_counts(splits[TRAIN])[SAFE] + label_counts(splits[VALIDATION])[SAFE] >= 300


def test_test_has_at_least_15_examples_of_each_risk_label(splits):
    counts = label_counts(splits[TEST])
    assert {label: counts[label] >= 15 for label in RISK_LABELS} == dict.fromkeys(RISK_LABELS, True)


def test_no_text_is_in_two_splits(splits):
    texts = [{e.text.strip().lower() for e in examples} for examples in splits.values()]
    assert not (texts[0] & texts[1]) and not (texts[0] & texts[2]) and not (texts[1] & texts[2])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "line 2: not valid JSON"),
        ('{"id": "x", "text": "hi", "labels": ["sad"]}', "line 2: unknown labels ['sad']"),
        ('{"id": "x", "text": "hi", "labels": []}', "line 2: labels must be a non-empty list"),
        ('{"id": "x", "text": "hi", "labels": ["safe", "spam"]}', "line 2: 'safe' cannot"),
        ('{"text": "hi", "labels": ["safe"]}', "line 2: needs an object with an id and a text"),
    ],
)
def test_a_malformed_corpus_line_is_named_by_number(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "text": "fine", "labels": ["safe"]}\n' + line + "\n")
    with pytest.raises(CorpusError, match=message.replace("[", r"\[").replace("]", r"\]")):
        corpus_read(path)


def test_near_duplicates_finds_each_held_out_example_over_the_limit_once():
    training = np.array([[1.0, 0.0], [0.0, 1.0]])
    held_out = np.array([[0.99, 0.141], [0.6, 0.8], [0.0, 1.0]])
    held_out /= np.linalg.norm(held_out, axis=1, keepdims=True)
    pairs = near_duplicates(held_out, training, limit=0.9)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (2, 1)]


@pytest.mark.slow
def test_no_test_example_is_a_near_duplicate_of_a_training_example(splits):
    overlap = corpus_overlap(splits[TEST], splits[TRAIN], Embedder().embed)
    assert overlap == [], f"test examples too close to training ones (cosine > 0.9): {overlap}"
