"""Small-number suppression, checked against a reader who tries every possible count.

The reader sees each figure as a number, "fewer than 5" (1 to 4; 0 to 4 in the
breakdown of a total that is itself fewer than 5) or "not shown" (5 or more), and
knows how the figures add up. For every hidden figure they list the counts that fit
all of that; it stays hidden only if at least two counts fit (or it can only be 0:
that nobody did something singles nobody out).
"""

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from insights.report import ALL, HEADLINES, REST, equations, period_figures
from insights.suppression import Equation, Shown, recoverable, suppress

counts = st.integers(min_value=0, max_value=12)


def _fits(node, value, figure, small_parts):
    if figure.state is Shown.VALUE:
        return value == figure.value
    if figure.state is Shown.FEWER:
        return (0 if node in small_parts else 1) <= value <= 4
    return value >= 5


def possible_counts(figures, eqs, ceiling):
    """{hidden node: set of counts a reader cannot rule out}, trying every assignment."""
    totals = {e.total for e in eqs}
    leaves = [node for node in figures if node not in totals]
    small_parts = {p for e in eqs if figures[e.total].state is Shown.FEWER for p in e.parts}

    def choices(node):
        figure = figures[node]
        if figure.state is Shown.VALUE:
            return [figure.value]
        if figure.state is Shown.FEWER:
            return range(5)
        return range(5, ceiling + 1)

    seen = {node: set() for node, f in figures.items() if f.state is not Shown.VALUE}
    for assignment in product(*(choices(leaf) for leaf in leaves)):
        values = dict(zip(leaves, assignment, strict=True))
        if not _complete(values, eqs):
            continue
        if all(_fits(n, values[n], figures[n], small_parts) for n in figures):
            for node in seen:
                seen[node].add(values[node])
    return seen


def _complete(values, eqs):
    """Fill in totals from their parts; False if two equations disagree on a total."""
    for _ in range(len(eqs)):
        for e in eqs:
            if all(p in values for p in e.parts):
                total = sum(values[p] for p in e.parts)
                if values.setdefault(e.total, total) != total:
                    return False
    return all(e.total in values for e in eqs)


def assert_nothing_recoverable(values, eqs, figures):
    ceiling = sum(values.values()) + 5
    possible = possible_counts(figures, eqs, ceiling)
    for node, options in possible.items():
        assert values[node] in options  # the truth always fits
        # A count that can only be 0 singles nobody out; any other must stay open.
        assert len(options) >= 2 or options == {0}, f"{node} is {options}: {figures}"


def shown_numbers(figures):
    return [f.value for f in figures.values() if f.state is Shown.VALUE]


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=4))
def test_no_part_of_a_table_can_be_worked_out_from_its_total(cells):
    names = [f"row{n}" for n in range(len(cells))]
    values = dict(zip(names, cells, strict=True)) | {"total": sum(cells)}
    eqs = [Equation("total", tuple(names))]
    figures = suppress(values, eqs)
    assert not any(1 <= n <= 4 for n in shown_numbers(figures))
    assert_nothing_recoverable(values, eqs, figures)


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=3, max_size=3), st.lists(counts, min_size=2, max_size=2))
def test_a_label_cannot_be_worked_out_from_the_whole_and_the_other_labels(labels, split):
    # Posts by label A, B and the rest add up to the whole, which also splits into
    # new threads and replies: two tables sharing one total. The reader is assumed to
    # see every label's report (more than any two), and to know the rest's count as if
    # it were shown too.
    total = sum(labels)
    threads = min(split[0], total)
    values = {"A": labels[0], "B": labels[1], REST: labels[2]}
    values |= {"threads": threads, "replies": total - threads, "posts": total}
    eqs = [
        Equation("posts", ("A", "B", REST)),
        Equation("posts", ("threads", "replies")),
    ]
    figures = suppress(values, eqs, known={REST})
    assert not any(1 <= n <= 4 for n in shown_numbers(figures))
    assert_nothing_recoverable(values, eqs, figures)


def test_the_rest_is_not_what_hides_a_label():
    values = {"A": 2, "B": 9, REST: 6, "all": 17}
    figures = suppress(values, [Equation("all", ("A", "B", REST))], known={REST})
    assert figures["B"].text == "not shown" and figures[REST].text == "6"


def test_one_small_cell_hides_the_next_smallest_too():
    values = {"a": 3, "b": 40, "c": 9, "total": 52}
    figures = suppress(values, [Equation("total", ("a", "b", "c"))])
    assert [figures[n].text for n in "abc"] == ["fewer than 5", "40", "not shown"]
    assert figures["total"].text == "52"


def test_a_small_total_shows_no_breakdown():
    values = {"a": 3, "b": 0, "total": 3}
    figures = suppress(values, [Equation("total", ("a", "b"))])
    assert {f.text for f in figures.values()} == {"fewer than 5"}


def test_a_small_total_hides_the_breakdown_of_its_parts_too():
    # All assessments (1) = PHQ-9 (0) + GAD-7 (1); PHQ-9's bands all 0. Showing those
    # zeros would pin PHQ-9 at 0, and so GAD-7 at the total.
    values = {"all": 1, "phq9": 0, "gad7": 1, "phq9-mild": 0, "gad7-mild": 1}
    eqs = [
        Equation("all", ("phq9", "gad7")),
        Equation("phq9", ("phq9-mild",)),
        Equation("gad7", ("gad7-mild",)),
    ]
    figures = suppress(values, eqs)
    assert {f.text for f in figures.values()} == {"fewer than 5"}
    assert_nothing_recoverable(values, eqs, figures)


def test_zero_is_shown_as_zero():
    figures = suppress({"a": 0, "b": 7, "total": 7}, [Equation("total", ("a", "b"))])
    assert figures["a"].text == "0" and figures["b"].text == "7"


slice_counts = st.fixed_dictionaries(
    {
        ("signups", ""): counts,
        ("active", ""): counts,
        ("threads", ""): counts,
        ("replies", ""): counts,
        ("assessments", "phq9:Mild"): counts,
        ("assessments", "phq9:Severe"): counts,
        ("assessments", "gad7:Moderate"): counts,
        ("feedback_supported", "4"): counts,
        ("feedback_supported", "5"): counts,
        ("escalations", ""): counts,
    }
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["Arts", "Law", "Medicine", REST]), slice_counts))
def test_a_whole_report_shows_no_small_number_and_gives_none_away(per_slice):
    per_slice = {REST: {}} | per_slice
    figures = period_figures(per_slice)
    assert not any(1 <= n <= 4 for n in shown_numbers(figures))
    seen = {node: f.value if f.state is Shown.VALUE else f.state for node, f in figures.items()}
    eqs = equations(list(per_slice))
    small = {p for e in eqs if figures[e.total].state is Shown.FEWER for p in e.parts}
    assert recoverable(seen, eqs, small) == set()
    assert {(ALL, metric) for metric, _ in HEADLINES} <= set(figures)
