"""Buddy matching: which waiting members to propose to each other. No Django here.

Rules that are never broken: no pair more than `max_age_gap` years apart (by birth
year), no under-18 with an adult, each within the other's preferred age range,
nobody past their number of buddies, and no pair that is excluded (a block either
way, an earlier decline or unmatch, an existing match).

Scoring, between 0 and 1: closeness in age, shared interests (Jaccard), time-zone
overlap, the same kind of support sought, and a shared diagnosis only when both
members turned that on.

Complexity: members are bucketed by (age, interest). Each member looks at no
more than `per_member` candidates, taken from the buckets of their own interests
within the age window (then any interest), so scoring is O(N·K) for N members and
K = per_member; the proposed pairs are then chosen greedily, best score first,
after an O(N·K log(N·K)) sort. Memory is O(N·K) for the candidate pairs.
"""

from collections import defaultdict
from dataclasses import dataclass

ADULT_AGE = 18
WEIGHTS = {"age": 0.3, "interests": 0.35, "time_zone": 0.2, "support": 0.1, "diagnosis": 0.05}


@dataclass(frozen=True)
class Waiting:
    """A member waiting for a buddy, as matching sees them."""

    id: int
    age: int
    interests: int  # a bit per interest category
    utc_offset_minutes: int
    support: str
    age_min: int
    age_max: int
    places: int  # how many more buddies they would like now
    diagnosis: str = ""  # empty unless they chose to be matched on it


def _compatible(a: Waiting, b: Waiting, max_gap: int) -> bool:
    if abs(a.age - b.age) > max_gap:
        return False
    if (a.age < ADULT_AGE) != (b.age < ADULT_AGE):
        return False
    return a.age_min <= b.age <= a.age_max and b.age_min <= a.age <= b.age_max


def score(a: Waiting, b: Waiting, max_gap: int) -> float:
    """How well two compatible members fit, from 0 to 1."""
    union = (a.interests | b.interests).bit_count()
    shared = (a.interests & b.interests).bit_count() / union if union else 0.0
    hours = abs(a.utc_offset_minutes - b.utc_offset_minutes) / 60
    overlap = 1 - min(hours, 24 - hours) / 12
    age = 1 - abs(a.age - b.age) / (max_gap + 1)
    support = 1.0 if a.support == b.support else 0.0
    diagnosis = 1.0 if a.diagnosis and a.diagnosis == b.diagnosis else 0.0
    parts = {
        "age": age, "interests": shared, "time_zone": overlap,
        "support": support, "diagnosis": diagnosis,
    }  # fmt: skip
    return round(sum(WEIGHTS[name] * value for name, value in parts.items()), 4)


def _interest_bits(mask: int):
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _candidates(member, by_age_interest, by_age, max_gap, per_member):
    seen = set()
    # Nearest ages first; members sharing an interest before anyone of that age.
    ages = sorted(
        range(member.age - max_gap, member.age + max_gap + 1), key=lambda y: abs(y - member.age)
    )
    bits = list(_interest_bits(member.interests))
    pools = [by_age_interest.get((age, bit), ()) for age in ages for bit in bits]
    pools += [by_age.get(age, ()) for age in ages]
    for pool in pools:
        # Each member starts at a different place in a bucket, so that not everyone
        # asks the same few members first.
        start = (member.id * 2654435761) % len(pool) if pool else 0
        for other in (*pool[start:], *pool[:start]):
            if other.id != member.id and other.id not in seen:
                seen.add(other.id)
                yield other
                if len(seen) >= per_member:
                    return


def propose(
    waiting: list[Waiting], excluded: set[frozenset], *, max_gap: int, per_member: int = 20
) -> list[tuple[int, int, float]]:
    """Pairs to propose, best first: (member id, member id, score)."""
    by_age_interest, by_age = defaultdict(list), defaultdict(list)
    for member in waiting:
        by_age[member.age].append(member)
        for bit in _interest_bits(member.interests):
            by_age_interest[(member.age, bit)].append(member)
    edges = []
    for member in waiting:
        for other in _candidates(member, by_age_interest, by_age, max_gap, per_member):
            if _compatible(member, other, max_gap):
                pair = (member.id, other.id) if member.id < other.id else (other.id, member.id)
                if not excluded or frozenset(pair) not in excluded:
                    edges.append((score(member, other, max_gap), *pair))
    edges.sort(reverse=True)  # a pair found from both sides appears twice: see `chosen`
    places = {member.id: member.places for member in waiting}
    chosen, taken = [], set()
    for value, first, second in edges:
        if places[first] > 0 and places[second] > 0 and (first, second) not in taken:
            taken.add((first, second))
            places[first] -= 1
            places[second] -= 1
            chosen.append((first, second, value))
    return chosen
