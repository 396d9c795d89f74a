from django.urls import path

from moderation import views

urlpatterns = [
    path("moderation/cases/", views.case_list, name="case_list"),
    path("moderation/cases/<int:pk>/decide/", views.case_decide, name="case_decide"),
]
