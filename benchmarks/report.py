"""What a benchmark hands back, and the plain-text table `make bench` prints."""

from dataclasses import dataclass, field

COLUMN_GAP = "   "


@dataclass
class Report:
    """One table: a title, column headings, rows of ready-formatted cells, notes below."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def format_table(report: Report) -> str:
    """The report as aligned text: names left-aligned, figures right-aligned."""
    widths = [
        max(len(heading), *(len(row[i]) for row in report.rows))
        for i, heading in enumerate(report.columns)
    ]
    lines = [report.title, ""]
    for cells in [report.columns, *report.rows]:
        lines.append(_format_line(cells, widths))
    if report.notes:
        lines.append("")
        lines.extend(report.notes)
    return "\n".join(lines)


def _format_line(cells: list[str], widths: list[int]) -> str:
    first, *rest = cells
    aligned = [first.ljust(widths[0])]
    aligned += [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
    return COLUMN_GAP.join(aligned).rstrip()
