"""Small-number suppression for organisation reports. Pure Python, no Django.

Figures are nodes (any hashable key) with a count, tied by equations: a total is
the sum of its parts. A reader sees every node's `Shown` state and knows every
equation, so this module decides what to hide such that no hidden count can be
worked out exactly from what is shown:

- a count from 1 to 4 is shown as "fewer than 5" (FEWER), never as a number;
- when a total is itself from 1 to 4, every part of it (and every part of those
  parts) is shown as "fewer than 5" too (zeros included: 0 is fewer than 5), so its
  breakdown says nothing;
- complementary suppression: while some hidden count could still be pinned to one
  value by the equations (one hidden part in a shown total; hidden parts that must
  all be 1 or all be 4), the smallest shown count of 5 or more in that equation is
  hidden as well (WITHHELD, "not shown").

What a reader can infer is modelled as intervals: a shown count is itself, FEWER is
1 to 4 (0 to 4 for the parts of a small total), WITHHELD is 5 or more; the
equations narrow the intervals until nothing changes. A count is recoverable when
its interval is a single value above 0. `recoverable()` is that reader, and `suppress()`
keeps hiding until it finds nothing.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

SMALL = 5  # counts below this (and above 0) are never shown
INFINITY = float("inf")


class Shown(Enum):
    VALUE = "value"  # the count itself
    FEWER = "fewer"  # "fewer than 5"
    WITHHELD = "withheld"  # "not shown", to protect a small count elsewhere


@dataclass(frozen=True)
class Equation:
    total: Hashable
    parts: tuple

    def nodes(self) -> tuple:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Figure:
    """What a reader sees of one count."""

    state: Shown
    value: int | None  # None unless state is VALUE

    @property
    def text(self) -> str:
        if self.state is Shown.VALUE:
            return str(self.value)
        return "fewer than 5" if self.state is Shown.FEWER else "not shown"


def suppress(
    values: Mapping[Hashable, int], equations: Iterable[Equation], known=frozenset()
) -> dict:
    """Decide how each count is shown; returns {node: Figure}.

    `known` are counts never shown but which a reader may know some other way: they
    are taken as seen like any other figure, and hidden to protect another only when
    nothing else can.
    """
    equations = list(equations)
    states = {node: _first_state(count) for node, count in values.items()}
    small_parts = _small_total_parts(values, equations)
    for node in small_parts:
        states[node] = Shown.FEWER
    while True:
        pinned = recoverable(_seen(values, states), equations, small_parts)
        if not pinned:
            break
        extra = _complement(values, states, equations, pinned, known)
        if extra is None:
            break  # nothing left to hide; cannot happen with counts from the same data
        states[extra] = Shown.WITHHELD
    return {
        node: Figure(state, values[node] if state is Shown.VALUE else None)
        for node, state in states.items()
    }


def _first_state(count: int) -> Shown:
    if count < 0:
        raise ValueError(f"A count cannot be negative: {count}.")
    return Shown.FEWER if 0 < count < SMALL else Shown.VALUE


def _small_total_parts(values, equations) -> frozenset:
    """Every part under a total from 1 to 4, and under those parts in turn."""
    small = {e.total for e in equations if 0 < values[e.total] < SMALL}
    parts, grown = set(), True
    while grown:
        grown = False
        for equation in equations:
            if equation.total in small | parts and not set(equation.parts) <= parts:
                parts.update(equation.parts)
                grown = True
    return frozenset(parts)


def _seen(values, states) -> dict:
    return {
        node: (values[node] if state is Shown.VALUE else state) for node, state in states.items()
    }


def _complement(values, states, equations, pinned, known) -> Hashable | None:
    """The smallest shown count of 5 or more in an equation with a pinned count."""
    touching = [e for e in equations if pinned & set(e.nodes())]
    # Parts before totals; a known count only when nothing else is left.
    for use_known, prefer_parts in ((False, True), (False, False), (True, True)):
        candidates = {
            node
            for e in touching
            for node in (e.parts if prefer_parts else (e.total,))
            if states[node] is Shown.VALUE
            and values[node] >= SMALL
            and (use_known or node not in known)
        }
        if candidates:
            return min(candidates, key=lambda node: (values[node], repr(node)))
    return None


def bounds(seen: Mapping, equations: Iterable[Equation], small_parts=frozenset()) -> dict:
    """What a reader can infer: {node: (low, high)} from what is seen and the equations.

    `seen` maps each node to its count when shown, or to Shown.FEWER / Shown.WITHHELD.
    """
    equations = list(equations)
    box = {node: _prior(node, seen[node], small_parts) for node in seen}
    for _ in range(4 * len(equations) + 4):
        changed = False
        for equation in equations:
            changed |= _narrow(box, equation)
        if not changed:
            break
    return box


def _prior(node, seen, small_parts) -> tuple:
    if seen is Shown.FEWER:
        return (0, SMALL - 1) if node in small_parts else (1, SMALL - 1)
    if seen is Shown.WITHHELD:
        return (SMALL, INFINITY)
    return (seen, seen)


def _narrow(box, equation) -> bool:
    """Tighten each node of `total = sum(parts)` from the others; True if anything moved."""
    parts = equation.parts
    changed = _tighten(
        box, equation.total, sum(box[p][0] for p in parts), sum(box[p][1] for p in parts)
    )
    total_low, total_high = box[equation.total]
    for part in parts:
        others = [box[p] for p in parts if p != part]
        others_low = sum(low for low, _ in others)
        others_high = sum(high for _, high in others)
        changed |= _tighten(box, part, total_low - others_high, total_high - others_low)
    return changed


def _tighten(box, node, low, high) -> bool:
    old_low, old_high = box[node]
    new = (max(old_low, low), min(old_high, high))
    if new != (old_low, old_high) and new[0] <= new[1]:
        box[node] = new
        return True
    return False


def recoverable(seen: Mapping, equations: Iterable[Equation], small_parts=frozenset()) -> set:
    """The hidden nodes a reader could pin to one count above 0. (A hidden count a reader
    can tell is 0, such as a label's share of a small total the rest already fills,
    says that nobody did something, which singles nobody out.)"""
    box = bounds(seen, equations, small_parts)
    return {
        node
        for node, value in seen.items()
        if isinstance(value, Shown) and box[node][0] == box[node][1] > 0
    }
