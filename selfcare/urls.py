from django.urls import path

from selfcare import views

urlpatterns = [
    path("help/", views.crisis_help, name="crisis_help"),
]
