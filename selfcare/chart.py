"""A trend chart of scores over time, as numbers for an inline SVG. No Django.

The template draws what this returns; the same points are shown in a table, so
nothing depends on seeing the picture.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 12, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: int
    label: str


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    ticks: list[Tick]
    left: int
    right: float
    bottom: float

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def trend_chart(scores: list[tuple[str, int]], *, max_score: int, cuts: list[int]) -> Chart:
    """Place (label, score) pairs, oldest first, on a chart from 0 to max_score.

    `cuts` are the scores where a band begins, drawn as grid lines."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_for(value):
        return TOP + plot_h * (1 - value / max_score)

    step = plot_w / (len(scores) - 1) if len(scores) > 1 else 0
    start = LEFT + (plot_w / 2 if len(scores) == 1 else 0)
    points = [
        Point(x=start + i * step, y=y_for(score), score=score, label=label)
        for i, (label, score) in enumerate(scores)
    ]
    ticks = [Tick(y=y_for(value), value=value) for value in sorted({0, *cuts, max_score})]
    return Chart(WIDTH, HEIGHT, points, ticks, LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM)
