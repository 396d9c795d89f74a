"""PHQ-9 and GAD-7 scoring and bands, against worked examples. No database."""

import pytest

from selfcare.instruments import GAD7, PHQ9, needs_crisis_help


def test_phq9_has_nine_items_and_gad7_seven():
    assert len(PHQ9.items) == 9 and PHQ9.max_score == 27
    assert len(GAD7.items) == 7 and GAD7.max_score == 21
    assert PHQ9.items[8].startswith("Thoughts that you would be better off dead")


@pytest.mark.parametrize(
    ("answers", "score", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "Minimal"),
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "Minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "Mild"),
        ([2, 2, 1, 1, 1, 1, 1, 0, 0], 9, "Mild"),
        ([2, 2, 2, 2, 1, 1, 0, 0, 0], 10, "Moderate"),
        ([3, 2, 2, 2, 2, 2, 1, 0, 0], 14, "Moderate"),
        ([3, 3, 2, 2, 2, 2, 1, 0, 0], 15, "Moderately severe"),
        ([3, 3, 3, 2, 2, 2, 2, 1, 1], 19, "Moderately severe"),
        ([3, 3, 3, 3, 2, 2, 2, 1, 1], 20, "Severe"),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "Severe"),
    ],
)
def test_phq9_worked_examples(answers, score, band):
    assert PHQ9.score(answers) == score
    assert PHQ9.band(score) == band


@pytest.mark.parametrize(
    ("answers", "score", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0], 0, "Minimal"),
        ([1, 1, 1, 1, 0, 0, 0], 4, "Minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "Mild"),
        ([2, 2, 2, 1, 1, 1, 0], 9, "Mild"),
        ([2, 2, 2, 2, 1, 1, 0], 10, "Moderate"),
        ([2, 2, 2, 2, 2, 2, 2], 14, "Moderate"),
        ([3, 3, 3, 2, 2, 1, 1], 15, "Severe"),
        ([3, 3, 3, 3, 3, 3, 3], 21, "Severe"),
    ],
)
def test_gad7_worked_examples(answers, score, band):
    assert GAD7.score(answers) == score
    assert GAD7.band(score) == band


@pytest.mark.parametrize("answers", [[0] * 8, [0] * 10, [0] * 8 + [4], [0] * 8 + [-1]])
def test_a_wrong_set_of_answers_is_refused(answers):
    with pytest.raises(ValueError):
        PHQ9.score(answers)


@pytest.mark.parametrize(("item9", "needed"), [(0, False), (1, True), (2, True), (3, True)])
def test_any_phq9_item9_answer_above_not_at_all_needs_crisis_help(item9, needed):
    assert needs_crisis_help("phq9", [0] * 8 + [item9]) is needed


def test_gad7_never_triggers_crisis_help_by_itself():
    assert needs_crisis_help("gad7", [3] * 7) is False
