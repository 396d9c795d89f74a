"""Reads of a member's own self-assessments. Every query is scoped to the member."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from selfcare.chart import trend_chart
from selfcare.instruments import INSTRUMENTS, needs_crisis_help
from selfcare.models import SelfAssessment

CHART_POINTS = 12


def self_assessment_for(*, member, pk: int) -> SelfAssessment:
    """The member's own assessment, or 404: nobody else's exists for them."""
    return get_object_or_404(SelfAssessment.objects.select_related("alert"), pk=pk, member=member)


def self_assessment_history(*, member) -> list[dict]:
    """Per questionnaire: its results, newest first, and a chart of the latest few."""
    taken = list(SelfAssessment.objects.filter(member=member).order_by("taken_at", "pk"))
    history = []
    for code, instrument in INSTRUMENTS.items():
        results = [result for result in taken if result.kind == code]
        recent = results[-CHART_POINTS:]
        labels = [f"{timezone.localtime(result.taken_at):%d %b}" for result in recent]
        chart = trend_chart(
            list(zip(labels, [result.score for result in recent], strict=True)),
            max_score=instrument.max_score,
            cuts=[band.low for band in instrument.bands[1:]],
        )
        history.append(
            {
                "instrument": instrument,
                "results": results[::-1],
                "chart": chart if len(recent) > 1 else None,
            }
        )
    return history


def crisis_help_needed(assessment: SelfAssessment) -> bool:
    return needs_crisis_help(assessment.kind, assessment.answers)
