from django.urls import include, path

from selfcare.views import (
    assessments,
    courses,
    crisis,
    feedback,
    home,
    journal,
    library,
    safety_plan,
)

# The member's own self-care pages, under one namespace.
member_patterns = [
    path("", home.selfcare_home, name="home"),
    path("check-ins/", assessments.assessment_list, name="assessment_list"),
    path("check-ins/<slug:kind>/", assessments.assessment_take, name="assessment_take"),
    path("check-ins/results/<int:pk>/", assessments.assessment_result, name="assessment_result"),
    path(
        "check-ins/results/<int:pk>/ask-a-guide/",
        assessments.assessment_alert,
        name="assessment_alert",
    ),
    path("safety-plan/", safety_plan.safety_plan, name="safety_plan"),
    path("safety-plan/edit/", safety_plan.safety_plan_edit, name="safety_plan_edit"),
    path("journal/", journal.journal, name="journal"),
    path("journal/export/", journal.journal_export, name="journal_export"),
    path("journal/<int:pk>/", journal.journal_entry, name="journal_entry"),
    path("journal/<int:pk>/delete/", journal.journal_entry_delete_view, name="journal_delete"),
    path("library/", library.library, name="library"),
    path("library/<slug:slug>/", library.article_detail, name="article"),
    path("library/<slug:slug>/helpful/", library.article_helpful, name="article_helpful"),
    path("courses/", courses.course_list, name="course_list"),
    path("courses/<slug:slug>/", courses.course_detail, name="course"),
    path("courses/<slug:slug>/<int:number>/", courses.course_module, name="course_module"),
    path("feedback/", feedback.feedback, name="feedback"),
    path("feedback/not-now/", feedback.feedback_not_now, name="feedback_not_now"),
    path("feedback/export.csv", feedback.feedback_export, name="feedback_export"),
]

urlpatterns = [
    path("help/", crisis.crisis_help, name="crisis_help"),
    path("self-care/", include((member_patterns, "selfcare"))),
]
