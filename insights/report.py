"""Which figures a report shows and how they add up. Pure Python, no Django.

One period's figures for every label at once: a headline row per slice (the whole
organisation, each label offered, and the rest: members with no label or a label
too small to offer), and breakdowns for the whole organisation only. Every label's
view and the whole view come from one `suppress()` over all of it, so a figure can
be hidden in one view only when the others cannot give it away: the whole is the
sum of the labels and the rest, and the rest is never shown but counted as known.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from insights.suppression import Equation, Figure, suppress

ALL = "__all__"  # the whole organisation
REST = "__rest__"  # members with no label, or a label too small to offer

# Headline figures: (metric, key) on each slice, with their names.
HEADLINES = [
    ("signups", "Sign-ups"),
    ("active", "Active members"),
    ("posts", "Posts and replies"),
    ("courses_started", "Courses started"),
    ("courses_completed", "Courses completed"),
    ("assessments", "Self-assessments taken"),
    ("chat_sessions", "Chat sessions"),
    ("escalations", "Escalations to a Wall Guide"),
]

INSTRUMENT_BANDS = {
    "phq9": ("PHQ-9 (low mood)", ["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"]),
    "gad7": ("GAD-7 (anxiety)", ["Minimal", "Mild", "Moderate", "Severe"]),
}
RATING_QUESTIONS = {
    "feedback_supported": "Harbour helped me feel supported",
    "feedback_community": "I feel part of a community here",
}
RATINGS = ["1", "2", "3", "4", "5"]


@dataclass(frozen=True)
class Breakdown:
    """A table of parts that add up to a total, for the whole organisation."""

    title: str
    total: tuple
    rows: list  # (name, node)


def breakdowns() -> list[Breakdown]:
    tables = [
        Breakdown(
            "Posts and replies",
            (ALL, "posts"),
            [("New threads", (ALL, "threads")), ("Replies", (ALL, "replies"))],
        )
    ]
    for code, (name, bands) in INSTRUMENT_BANDS.items():
        rows = [(band, (ALL, f"{code}:{band}")) for band in bands]
        tables.append(Breakdown(f"{name} results by severity band", (ALL, code), rows))
    for metric, question in RATING_QUESTIONS.items():
        rows = [(f"Rated {rating} of 5", (ALL, f"{metric}:{rating}")) for rating in RATINGS]
        tables.append(Breakdown(f"“{question}”", (ALL, metric), rows))
    return tables


def slice_counts(counts: Mapping) -> dict:
    """Headline counts of one slice from its raw {(metric, key): value}."""

    def total(metric):
        return sum(v for (m, _), v in counts.items() if m == metric)

    return {
        "signups": total("signups"),
        "active": total("active"),
        "posts": total("threads") + total("replies"),
        "courses_started": total("courses_started"),
        "courses_completed": total("courses_completed"),
        "assessments": sum(
            counts.get(("assessments", f"{code}:{band}"), 0)
            for code, (_, bands) in INSTRUMENT_BANDS.items()
            for band in bands
        ),
        "chat_sessions": total("chat_sessions"),
        "escalations": total("escalations"),
    }


def whole_counts(counts: Mapping) -> dict:
    """The breakdown counts of the whole organisation from its raw {(metric, key): value}."""
    values = {
        "threads": counts.get(("threads", ""), 0),
        "replies": counts.get(("replies", ""), 0),
    }
    for code, (_, bands) in INSTRUMENT_BANDS.items():
        for band in bands:
            values[f"{code}:{band}"] = counts.get(("assessments", f"{code}:{band}"), 0)
        values[code] = sum(values[f"{code}:{band}"] for band in bands)
    for metric in RATING_QUESTIONS:
        for rating in RATINGS:
            values[f"{metric}:{rating}"] = counts.get((metric, rating), 0)
        values[metric] = sum(values[f"{metric}:{rating}"] for rating in RATINGS)
    return values


def equations(slices: list) -> list[Equation]:
    """How the figures of one period add up; `slices` are the labels offered plus REST."""
    found = [Equation((ALL, metric), tuple((s, metric) for s in slices)) for metric, _ in HEADLINES]
    for table in breakdowns():
        found.append(Equation(table.total, tuple(node for _, node in table.rows)))
    found.append(Equation((ALL, "assessments"), ((ALL, "phq9"), (ALL, "gad7"))))
    return found


def period_figures(per_slice: Mapping[str, Mapping]) -> dict:
    """{node: Figure} for one period, from raw counts per slice (labels offered and REST)."""
    slices = list(per_slice)
    values = {}
    whole = {}
    for name, counts in per_slice.items():
        for metric, value in slice_counts(counts).items():
            values[(name, metric)] = value
        for key, value in counts.items():
            whole[key] = whole.get(key, 0) + value
    for metric, value in slice_counts(whole).items():
        values[(ALL, metric)] = value
    for metric, value in whole_counts(whole).items():
        values[(ALL, metric)] = value
    # The rest is never shown, but a reader may know it (an admin sees how often each
    # code was used): it counts as seen, and hides a label's figure only as a last resort.
    known = {(REST, metric) for metric, _ in HEADLINES}
    return suppress(values, equations(slices), known)


def headline_figures(figures: Mapping, slice_name: str) -> list[tuple[str, Figure]]:
    return [(name, figures[(slice_name, metric)]) for metric, name in HEADLINES]
