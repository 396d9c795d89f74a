"""Reads for self-care, one module per entity. Crisis lines are re-exported here:
every app that shows help imports them from `selfcare.selectors`."""

from selfcare.selectors.crisis import (
    SHIPPED_COUNTRIES,
    crisis_countries,
    crisis_lines_for,
    organisation_crisis_lines,
)

__all__ = [
    "SHIPPED_COUNTRIES",
    "crisis_countries",
    "crisis_lines_for",
    "organisation_crisis_lines",
]
