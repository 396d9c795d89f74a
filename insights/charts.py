"""Weekly trend lines and bar charts as numbers for server-rendered SVG. No Django.

A hidden figure is never drawn at a height: a trend line breaks there and a bar is
left out, with its words ("fewer than 5") in the table next to the chart.
"""

from dataclasses import dataclass

from insights.suppression import Figure, Shown

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 12, 40


@dataclass(frozen=True)
class Mark:
    x: float
    y: float  # the top of a bar, or a point on the line
    label: str
    letter: str  # names a bar in the chart and its row in the table
    text: str  # the figure in words, as in the table
    shown: bool
    bar_x: float = 0.0
    bar_height: float = 0.0


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    marks: list
    ticks: list  # (y, value)
    segments: list  # polylines of consecutive shown points
    left: int
    right: int
    base: float  # y of zero
    bar_width: float


def _scale(figures: list[Figure]) -> int:
    # Gridlines at multiples of 5, so no axis shows a number a reader could take for a count.
    top = max([f.value for f in figures if f.state is Shown.VALUE] + [1])
    return 20 * -(-top // 20)


def chart(points: list[tuple[str, Figure]]) -> Chart:
    """Place (label, figure) pairs left to right on a scale from 0."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    scale = _scale([figure for _, figure in points])
    slot = plot_w / max(len(points), 1)
    base = TOP + plot_h

    def y_for(value):
        return base - plot_h * value / scale

    marks = [
        Mark(
            x=LEFT + slot * (i + 0.5),
            y=y_for(figure.value) if figure.state is Shown.VALUE else base,
            label=label,
            letter=chr(ord("A") + i) if i < 26 else "",
            text=figure.text,
            shown=figure.state is Shown.VALUE,
            bar_x=LEFT + slot * (i + 0.2),
            bar_height=base - y_for(figure.value) if figure.state is Shown.VALUE else 0.0,
        )
        for i, (label, figure) in enumerate(points)
    ]
    segments, current = [], []
    for mark in marks:
        if mark.shown:
            current.append(f"{mark.x:.1f},{mark.y:.1f}")
        elif current:
            segments.append(" ".join(current))
            current = []
    if current:
        segments.append(" ".join(current))
    ticks = [(y_for(scale * n / 4), scale * n // 4) for n in range(5)]
    return Chart(WIDTH, HEIGHT, marks, ticks, segments, LEFT, WIDTH - RIGHT, base, slot * 0.6)
