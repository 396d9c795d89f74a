"""Taking a self-assessment, and asking a Wall Guide for contact after a worrying answer."""

from django.db import transaction

from moderation.models import CasePriority, HeldReason
from moderation.pipeline import case_open
from moderation.states import ModerationState
from selfcare.instruments import INSTRUMENTS, needs_crisis_help
from selfcare.models import SelfAssessment, SelfAssessmentAlert

ALERT_NOTE_MAX = 1000
ALERT_RULE = {"rule": "phq9_item9_consented", "label": "suicidal_ideation", "priority": "urgent"}


class AlertRefused(Exception):
    """The alert cannot be opened for this assessment; the message says why, plainly."""


def self_assessment_take(*, member, kind: str, answers: list[int]) -> SelfAssessment:
    """Score and keep a completed questionnaire. ValueError for a wrong set of answers."""
    instrument = INSTRUMENTS[kind]
    score = instrument.score(answers)
    return SelfAssessment.objects.create(
        member=member, kind=kind, answers=list(answers), score=score, band=instrument.band(score)
    )


@transaction.atomic
def self_assessment_alert_open(*, member, assessment, note: str = "") -> SelfAssessmentAlert:
    """With the member's consent, open an urgent case so a Wall Guide contacts them.

    Only for the member's own PHQ-9 whose question 9 was answered above "Not at
    all"; asking twice for the same assessment keeps the one alert and case.
    """
    if assessment.member_id != member.pk:
        raise AlertRefused("This is not your self-assessment.")
    if not needs_crisis_help(assessment.kind, assessment.answers):
        raise AlertRefused("This self-assessment does not need a Wall Guide's contact.")
    if len(note) > ALERT_NOTE_MAX:
        raise AlertRefused(f"Please keep your note under {ALERT_NOTE_MAX} characters.")
    existing = SelfAssessmentAlert.objects.filter(assessment=assessment).first()
    if existing is not None:
        return existing
    # The member's own request is the verdict: no automatic check runs on private
    # answers, so the alert starts ESCALATED (urgent, with a guide) and stays private.
    alert = SelfAssessmentAlert.objects.create(
        assessment=assessment, author=member, note=note.strip(), state=ModerationState.ESCALATED
    )
    case_open(
        alert,
        reason=HeldReason.RISK_REPORT,
        priority=CasePriority.URGENT,
        labels=["suicidal_ideation"],
        rules=[ALERT_RULE],
    )
    return alert
