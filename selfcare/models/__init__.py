"""Self-care models, one module per entity."""

from selfcare.models.assessments import AssessmentKind, SelfAssessment, SelfAssessmentAlert
from selfcare.models.courses import Course, CourseModule, CourseProgress, ExerciseAnswer
from selfcare.models.crisis import CrisisLine
from selfcare.models.feedback import RATINGS, FeedbackResponse
from selfcare.models.library import Article, ArticleFeedback, Tag
from selfcare.models.private import PLAN_SECTIONS, JournalEntry, SafetyPlan

__all__ = [
    "PLAN_SECTIONS",
    "RATINGS",
    "Article",
    "ArticleFeedback",
    "AssessmentKind",
    "Course",
    "CourseModule",
    "CourseProgress",
    "CrisisLine",
    "ExerciseAnswer",
    "FeedbackResponse",
    "JournalEntry",
    "SafetyPlan",
    "SelfAssessment",
    "SelfAssessmentAlert",
    "Tag",
]
