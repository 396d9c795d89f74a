"""The risk check with the real model and the committed head: clear cases of each
label, and the embedding recipe. Slow: loads all-MiniLM-L6-v2 (a few seconds)."""

import os

import numpy as np
import pytest

from moderation.classifier.assessment import assess, classifier_get
from moderation.classifier.embeddings import DIMENSIONS, Embedder
from moderation.classifier.head import head_load
from moderation.classifier.labels import ESCALATE, LABELS, PUBLISH, REVIEW

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def classifier():
    return classifier_get(threads=2)


@pytest.mark.parametrize(
    ("text", "label", "decision"),
    [
        (
            "I've saved up my tablets and tonight I'm taking all of them. Goodbye everyone.",
            "imminent_risk",
            ESCALATE,
        ),
        (
            "I don't see the point in living any more. Everyone would be better off without me.",
            "suicidal_ideation",
            REVIEW,
        ),
        ("I cut my arms again last night, it's the only thing that helps", "self_harm", REVIEW),
        (
            "I'm going to wait for my ex outside his work tomorrow and stab him.",
            "harm_to_others",
            ESCALATE,
        ),
        ("you're pathetic, nobody here likes you, just leave", "harassment", REVIEW),
        (
            "My name is Sarah Jones, I live at 14 Mill Lane, Leeds LS6 2AB, text me 07700 900123",
            "personal_info",
            REVIEW,
        ),
        ("Make £500 a day from home!!! Click here www.quickcash-now.com", "spam", REVIEW),
        (
            "I made pancakes with my kids this morning, messy but fun.",
            "safe",
            PUBLISH,
        ),
    ],
)
def test_clear_cases_get_their_label_and_decision(classifier, text, label, decision):
    (verdict,) = classifier.assess([text])
    assert verdict.decision == decision
    if label == "safe":
        assert verdict.labels == ()
        assert max(verdict.scores, key=verdict.scores.get) == "safe"
    else:
        assert label in verdict.labels
        assert verdict.scores[label] >= classifier.head.thresholds[label]


def test_scores_cover_the_taxonomy_and_carry_the_head_version(classifier):
    (verdict,) = classifier.assess(["hello everyone, first post here"])
    assert list(verdict.scores) == list(LABELS)
    assert all(0.0 <= score <= 1.0 for score in verdict.scores.values())
    assert verdict.model_version == head_load().version


def test_batches_give_the_same_answers_as_single_posts(classifier):
    texts = [f"post number {i}: feeling low but hanging in there" for i in range(40)]
    texts[33] = "I want to kill myself tonight"
    batched = classifier.assess(texts)
    alone = classifier.assess([texts[33]])[0]
    assert batched[33].decision == alone.decision == ESCALATE
    assert batched[33].scores == pytest.approx(alone.scores, abs=1e-4)


def test_risk_at_the_end_of_a_long_post_is_still_seen(classifier):
    filler = "Today I went to work, had lunch with a friend and watched some telly. " * 40
    ending = "I have the pills lined up and tonight I'm going to take all of them."
    (verdict,) = classifier.assess([filler + ending])
    assert verdict.scores["imminent_risk"] >= classifier.head.thresholds["imminent_risk"]


def test_assess_reuses_the_process_classifier(classifier):
    assert classifier_get(threads=2) is classifier
    assert assess(["a quiet day"], threads=2)[0].model_version == classifier.head.version


def test_embeddings_are_unit_vectors_of_384_dimensions_and_repeatable():
    embedder = Embedder(threads=1)
    vectors = embedder.embed(["I feel calm today", "I feel calm today", "tax returns are due"])
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[1])
    assert float(vectors[0] @ vectors[2]) < 0.5
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_an_earlier_layer_comes_beside_the_last_as_its_own_unit_block():
    embedder = Embedder(threads=1)
    texts = ["I feel calm today", "the wind at the top of the car park " * 60]
    last = embedder.embed(texts)
    both = embedder.embed(texts, layers=(3,))
    assert both.shape == (2, 2 * DIMENSIONS)
    assert np.allclose(both[:, :DIMENSIONS], last, atol=1e-5)
    assert np.allclose(np.linalg.norm(both[:, DIMENSIONS:], axis=1), 1.0, atol=1e-5)
    assert float(both[0, DIMENSIONS:] @ both[0, :DIMENSIONS]) < 0.99
    windows, owners = embedder.embed_windows(texts, layers=(3,))
    assert windows.shape[1] == 2 * DIMENSIONS and owners.tolist().count(1) > 1
