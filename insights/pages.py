"""What a report page (and its CSV) shows: selectors and `report` put together.

Each period's figures are suppressed over every label at once (report.period_figures),
so the weekly trend shows exactly what each week's own report shows.
"""

from dataclasses import dataclass, field

from insights import selectors
from insights.charts import chart
from insights.periods import WEEK, Period, recent_weeks
from insights.report import ALL, REST, breakdowns, headline_figures, period_figures

TRENDS = [
    ("signups", "Sign-ups"),
    ("active", "Weekly active members"),
    ("posts", "Posts and replies"),
]


@dataclass
class Report:
    period: Period
    label: str  # "" for the whole organisation
    headlines: list
    tables: list = field(default_factory=list)  # (title, rows, total) for the whole organisation
    trends: list = field(default_factory=list)  # (title, chart, rows)
    talkabouts: list = field(default_factory=list)


def report_build(organisation, *, period: Period, label: str, labels: list, today) -> Report:
    """The figures of one period for the whole organisation or one label offered."""
    slice_name = label or ALL
    per_slice = selectors.period_counts(organisation, period, labels)
    figures = period_figures(per_slice)
    active = "Weekly active members" if period.kind == WEEK else "Monthly active members"
    headlines = [
        (active if name == "Active members" else name, figure)
        for name, figure in headline_figures(figures, slice_name)
    ]
    report = Report(period, label, headlines)
    if not label:
        for table in breakdowns():
            rows = [(name, figures[node]) for name, node in table.rows]
            lettered = [(chr(ord("A") + i), name, figure) for i, (name, figure) in enumerate(rows)]
            report.tables.append((table.title, lettered, figures[table.total], chart(rows)))
    weeks = list(reversed(recent_weeks(today)))
    weekly = selectors.weekly_counts(organisation, weeks, labels)
    by_week = [(week.short_name, period_figures(weekly[week.start])) for week in weeks]
    for metric, title in TRENDS:
        rows = [(name, figures[(slice_name, metric)]) for name, figures in by_week]
        report.trends.append((title, chart(rows), rows))
    report.talkabouts = selectors.talkabouts_most_used(
        per_slice, [label] if label else [*labels, REST]
    )
    return report


def csv_rows(report: Report) -> list[list[str]]:
    """The report as CSV rows: the same words and numbers as the page."""
    period = report.period.name
    slice_name = report.label or "Whole organisation"
    rows = [["period", "members", "section", "figure", "value"]]
    rows += [[period, slice_name, "Headlines", name, f.text] for name, f in report.headlines]
    for title, table_rows, total, _ in report.tables:
        rows += [[period, slice_name, title, name, f.text] for _, name, f in table_rows]
        rows.append([period, slice_name, title, "Total", total.text])
    for title, _, trend_rows in report.trends:
        rows += [[f"Week of {week}", slice_name, title, title, f.text] for week, f in trend_rows]
    rows += [
        [period, slice_name, "Talkabouts most used", f"#{n}", title]
        for n, title in enumerate(report.talkabouts, start=1)
    ]
    return [[_cell(value) for value in row] for row in rows]


def _cell(value: str) -> str:
    # A label or title starting like a formula must stay text in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
