"""Self-care models, one module per entity."""

from selfcare.models.assessments import AssessmentKind, SelfAssessment, SelfAssessmentAlert
from selfcare.models.crisis import CrisisLine

__all__ = ["AssessmentKind", "CrisisLine", "SelfAssessment", "SelfAssessmentAlert"]
