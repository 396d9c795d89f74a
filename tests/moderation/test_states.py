"""The lifecycle table, walked whole: every allowed move and nothing else. Pure."""

import itertools

import pytest

from moderation.states import (
    TRANSITIONS,
    Actor,
    Event,
    IllegalTransition,
    ModerationState,
    next_state,
)

ALL_STATES = [None, *ModerationState]


@pytest.mark.parametrize(("start", "event"), list(TRANSITIONS))
def test_each_allowed_move_reaches_its_state_for_its_actors(start, event):
    target, actors = TRANSITIONS[(start, event)]
    for actor in Actor:
        if actor in actors:
            assert next_state(start, event, actor) == target
        else:
            with pytest.raises(IllegalTransition):
                next_state(start, event, actor)


def test_every_other_move_is_refused():
    for start, event, actor in itertools.product(ALL_STATES, Event, Actor):
        if (start, event) not in TRANSITIONS:
            with pytest.raises(IllegalTransition):
                next_state(start, event, actor)


def test_the_design_table_rows_are_all_there():
    S, E = ModerationState, Event
    expected = {
        (None, E.SUBMIT): S.PENDING,
        (S.PENDING, E.DECIDE_PUBLISH): S.PUBLISHED,
        (S.PENDING, E.DECIDE_REVIEW): S.HELD,
        (S.PENDING, E.DECIDE_ESCALATE): S.ESCALATED,
        (S.PENDING, E.CHECK_UNAVAILABLE): S.HELD,
        (S.PUBLISHED, E.EDIT): S.PENDING,
        (S.PUBLISHED, E.RISK_REPORT): S.PUBLISHED,
        (S.PUBLISHED, E.REPORT_THRESHOLD): S.HELD,
        (S.PUBLISHED, E.PULL_BACK): S.HELD,
        (S.HELD, E.ESCALATE): S.ESCALATED,
        (S.HELD, E.APPROVE): S.PUBLISHED,
        (S.ESCALATED, E.APPROVE): S.PUBLISHED,
        (S.HELD, E.REMOVE): S.REMOVED,
        (S.ESCALATED, E.REMOVE): S.REMOVED,
        (S.REMOVED, E.APPEAL_UPHELD): S.PUBLISHED,
    }
    for key, target in expected.items():
        assert TRANSITIONS[key][0] == target
    for state in ModerationState:
        if state != S.DELETED:
            assert TRANSITIONS[(state, E.DELETE)][0] == S.DELETED


def test_a_published_item_cannot_be_published_twice():
    with pytest.raises(IllegalTransition):
        next_state(ModerationState.PUBLISHED, Event.APPROVE, Actor.GUIDE)
