"""The head's lexical features: hashed character n-grams beside the embedding. No
model needed."""

import numpy as np
import pytest

from moderation.classifier.embeddings import DIMENSIONS
from moderation.classifier.features import (
    EMBEDDING_ONLY,
    Recipe,
    char_grams,
    features_of,
    lexical_matrix,
    words_of,
)
from moderation.classifier.head import (
    Head,
    HeadUnavailable,
    head_dumps,
    head_load,
    head_version,
)
from moderation.classifier.labels import LABELS

RECIPE = Recipe(char_columns=64)


def test_character_grams_are_taken_inside_words_padded_with_spaces():
    grams = char_grams(words_of("Kms"))
    assert grams == {" km", "kms", "ms ", " kms", "kms ", " kms "}


def test_the_same_text_always_gives_the_same_unit_row():
    rows = lexical_matrix(["I can't do this", "I can\u2019t do this", "pancakes"], RECIPE)
    assert rows.shape == (3, 64)
    assert np.array_equal(rows[0], rows[1])
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    assert float(rows[0] @ rows[2]) < 0.5


def test_an_embedding_only_recipe_leaves_the_embeddings_as_they_are():
    vectors = np.eye(2, 4)
    assert features_of(["a", "b"], vectors, EMBEDDING_ONLY) is vectors
    assert features_of(["a", "b"], vectors, RECIPE).shape == (2, 4 + 64)


def test_each_window_of_a_text_reads_that_texts_lexical_row():
    weights = np.zeros((len(LABELS), 2 + 64))
    weights[0, 2:] = lexical_matrix(["goodbye"], RECIPE)[0] * 10
    head = Head("v", LABELS, weights, np.zeros(len(LABELS)), {}, recipe=RECIPE)
    lexical = lexical_matrix(["goodbye", "hello"], RECIPE)
    scores = head.scores_by_text(np.zeros((3, 2)), np.array([0, 0, 1]), 2, lexical)
    assert scores[0, 0] > 0.99 and scores[1, 0] < scores[0, 0]


def test_the_recipe_is_saved_with_the_head_and_changes_its_version(tmp_path):
    weights, bias = np.zeros((len(LABELS), DIMENSIONS + 64)), np.zeros(len(LABELS))
    version = head_version(weights, bias, {}, "corpus", RECIPE)
    assert version != head_version(weights, bias, {}, "corpus", Recipe(char_columns=32))
    path = tmp_path / "head.json"
    path.write_text(head_dumps(Head(version, LABELS, weights, bias, {}, recipe=RECIPE)))
    assert head_load(path).recipe == RECIPE


def test_an_earlier_layer_widens_the_row_and_is_named_in_the_head_file(tmp_path):
    layered = Recipe(char_columns=64, layers=(3,))
    assert layered.width == 2 * DIMENSIONS + 64 and RECIPE.width == DIMENSIONS + 64
    # A head that reads the last layer only keeps the file and version it had.
    assert "layers" not in RECIPE.as_dict() and layered.as_dict()["layers"] == [3]
    weights, bias = np.zeros((len(LABELS), layered.width)), np.zeros(len(LABELS))
    version = head_version(weights, bias, {}, "corpus", layered)
    path = tmp_path / "head.json"
    path.write_text(head_dumps(Head(version, LABELS, weights, bias, {}, recipe=layered)))
    assert head_load(path).recipe == layered


def test_a_head_file_whose_weights_do_not_fit_its_features_is_refused(tmp_path):
    weights, bias = np.zeros((len(LABELS), DIMENSIONS + 64)), np.zeros(len(LABELS))
    recipe = Recipe(char_columns=64, layers=(3,))
    path = tmp_path / "head.json"
    path.write_text(head_dumps(Head("v", LABELS, weights, bias, {}, recipe=recipe)))
    with pytest.raises(HeadUnavailable, match="448 weights a label"):
        head_load(path)
