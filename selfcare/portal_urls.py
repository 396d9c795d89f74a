"""Crisis-line pages of the organisation portal; config/urls.py adds them to "portal"."""

from django.urls import path

from selfcare.views import portal_lines

urlpatterns = [
    path("crisis-lines/", portal_lines.crisis_lines, name="crisis_lines"),
    path(
        "crisis-lines/<int:pk>/remove/", portal_lines.crisis_line_remove, name="crisis_line_remove"
    ),
]
