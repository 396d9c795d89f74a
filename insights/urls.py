"""Organisation reports, mounted at portal/reports/. No URL names an organisation:
each org_admin sees their own."""

from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.csv", views.dashboard_csv, name="dashboard_csv"),
]
