"""Handles must not identify anyone. Pure: no database."""

import pytest

from accounts.handles import handle_problem, suggest_handle


def test_suggestions_are_valid_handles():
    for _ in range(200):
        assert handle_problem(suggest_handle()) is None


@pytest.mark.parametrize(
    "handle", ["quiet-otter-21", "Night_Owl", "brave.heron", "sunflower", "tea4two", "J0rdan"]
)
def test_ordinary_pseudonyms_are_fine(handle):
    assert handle_problem(handle) is None


@pytest.mark.parametrize(
    "handle",
    ["sam@example.com", "07700900123", "+447700900123", "https-me", "insta.com",
     "jane.doe", "Jane.Doe", "x", "a" * 31, "<script>"],
)  # fmt: skip
def test_identifying_or_malformed_handles_are_refused(handle):
    assert handle_problem(handle) is not None
