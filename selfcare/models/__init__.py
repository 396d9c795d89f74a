"""Self-care models, one module per entity."""

from selfcare.models.assessments import AssessmentKind, SelfAssessment, SelfAssessmentAlert
from selfcare.models.crisis import CrisisLine
from selfcare.models.private import PLAN_SECTIONS, JournalEntry, SafetyPlan

__all__ = [
    "PLAN_SECTIONS",
    "AssessmentKind",
    "CrisisLine",
    "JournalEntry",
    "SafetyPlan",
    "SelfAssessment",
    "SelfAssessmentAlert",
]
