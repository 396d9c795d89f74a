"""The matching core, without a database: the rules it never breaks, and its scores."""

from chat.matching import Waiting, propose, score

GAP = 5


def waiting(id, age, *, interests=0b1, offset=0, support="listening", places=1, **fields):
    return Waiting(
        id=id, age=age, interests=interests, utc_offset_minutes=offset, support=support,
        age_min=fields.pop("age_min", 16), age_max=fields.pop("age_max", 99), places=places,
        **fields,
    )  # fmt: skip


def pairs(members, excluded=frozenset()):
    return {(a, b) for a, b, _ in propose(members, set(excluded), max_gap=GAP)}


def test_members_more_than_the_gap_apart_are_never_paired():
    assert pairs([waiting(1, 20), waiting(2, 26)]) == set()
    assert pairs([waiting(1, 20), waiting(2, 25)]) == {(1, 2)}


def test_an_under_18_is_never_paired_with_an_adult():
    assert pairs([waiting(1, 17), waiting(2, 18)]) == set()
    assert pairs([waiting(1, 16), waiting(2, 17)]) == {(1, 2)}


def test_each_must_be_in_the_others_preferred_age_range():
    assert pairs([waiting(1, 30, age_min=32), waiting(2, 31)]) == set()


def test_shared_interests_close_ages_and_time_zones_score_higher():
    alice = waiting(1, 25, interests=0b0111)
    close = waiting(2, 25, interests=0b0111)
    far = waiting(3, 29, interests=0b1000, offset=8 * 60, support="routine")
    assert score(alice, close, GAP) > score(alice, far, GAP)
    assert score(alice, close, GAP) == 0.95  # all but the diagnosis, which neither chose


def test_a_shared_diagnosis_counts_only_when_both_chose_it():
    one = waiting(1, 25, diagnosis="anxiety")
    assert score(one, waiting(2, 25, diagnosis="anxiety"), GAP) > score(one, waiting(3, 25), GAP)


def test_the_best_pairs_are_proposed_and_nobody_past_their_places():
    alice = waiting(1, 25, interests=0b11)
    bob = waiting(2, 25, interests=0b11)
    carol = waiting(3, 25, interests=0b100)
    assert pairs([alice, bob, carol]) == {(1, 2)}
    assert pairs([waiting(1, 25, places=2), bob, carol]) == {(1, 2), (1, 3)}


def test_excluded_pairs_are_never_proposed():
    assert pairs([waiting(1, 25), waiting(2, 25)], {frozenset((1, 2))}) == set()


def test_each_member_gets_at_most_their_places_across_many_candidates():
    members = [waiting(i, 20 + i % 5, interests=1 << (i % 4), places=3) for i in range(200)]
    proposed = propose(members, set(), max_gap=GAP)
    counts = {}
    for a, b, _ in proposed:
        counts[a], counts[b] = counts.get(a, 0) + 1, counts.get(b, 0) + 1
    assert proposed and max(counts.values()) == 3
