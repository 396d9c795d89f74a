from django.urls import path

from privacy import views, views_holds

urlpatterns = [
    path("me/privacy/", views.privacy_home, name="privacy_home"),
    path("me/privacy/export/", views.export_request_view, name="privacy_export_request"),
    path("me/privacy/export/<int:pk>/", views.export_status, name="privacy_export"),
    path(
        "me/privacy/download/<str:token>/data.json",
        views.export_download_json,
        name="privacy_export_json",
    ),
    path(
        "me/privacy/download/<str:token>/data.html",
        views.export_download_html,
        name="privacy_export_html",
    ),
    path("me/privacy/consent/", views.consent_view, name="privacy_consent"),
    path("me/privacy/pause/", views.pause_view, name="privacy_pause"),
    path("paused/", views.paused, name="privacy_paused"),
    path("me/privacy/erase/", views.erase_view, name="privacy_erase"),
    path("erased/", views.erased, name="privacy_erased"),
    path("moderation/legal-holds/", views_holds.legal_holds, name="privacy_legal_holds"),
    path(
        "moderation/legal-holds/<int:pk>/lift/",
        views_holds.legal_hold_lift_view,
        name="privacy_legal_hold_lift",
    ),
]
