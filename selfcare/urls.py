from django.urls import include, path

from selfcare.views import assessments, crisis, home

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
]

urlpatterns = [
    path("help/", crisis.crisis_help, name="crisis_help"),
    path("self-care/", include((member_patterns, "selfcare"))),
]
