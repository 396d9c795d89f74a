"""The fixed calendar periods a report covers: ISO weeks and calendar months.

Only these are offered, never a free range of dates, so two reports can never be
subtracted to single out a few days. Pure Python, no Django.
"""

from dataclasses import dataclass
from datetime import date, timedelta

WEEK, MONTH = "week", "month"
OFFERED = 12  # how many weeks and how many months back a report reaches


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # the day after the last

    @property
    def value(self) -> str:
        if self.kind == WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start:%Y-%m}"

    @property
    def name(self) -> str:
        if self.kind == WEEK:
            last = self.end - timedelta(days=1)
            return f"Week {self.start.isocalendar()[1]}: {self.start:%-d %b} to {last:%-d %b %Y}"
        return f"{self.start:%B %Y}"

    @property
    def short_name(self) -> str:
        return f"{self.start:%-d %b}" if self.kind == WEEK else f"{self.start:%b %Y}"


def week_of(day: date) -> Period:
    start = day - timedelta(days=day.weekday())
    return Period(WEEK, start, start + timedelta(days=7))


def month_of(day: date) -> Period:
    start = day.replace(day=1)
    return Period(MONTH, start, (start + timedelta(days=32)).replace(day=1))


def recent_weeks(today: date, count: int = OFFERED) -> list[Period]:
    """The current week and those before it, newest first."""
    first = week_of(today).start
    return [week_of(first - timedelta(weeks=n)) for n in range(count)]


def recent_months(today: date, count: int = OFFERED) -> list[Period]:
    months, day = [], today
    for _ in range(count):
        month = month_of(day)
        months.append(month)
        day = month.start - timedelta(days=1)
    return months


def offered_periods(today: date) -> list[Period]:
    return recent_weeks(today) + recent_months(today)
