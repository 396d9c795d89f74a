"""The URL map. Every view here declares who may use it (accounts.permissions)."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

import organisations.urls
import selfcare.portal_urls

# The admin signs in through allauth, so staff pass the same login (and MFA) as everyone.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Harbour administration"

urlpatterns = [
    path("", include("community.urls")),
    path("", include("accounts.urls")),
    path("", include("selfcare.urls")),
    path("", include("moderation.urls")),
    path("", include("chat.urls")),
    path("", include("privacy.urls")),
    path("", include("ops.urls")),
    path("portal/reports/", include("insights.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path(
        "portal/",
        include((organisations.urls.urlpatterns + selfcare.portal_urls.urlpatterns, "portal")),
    ),
]

# allauth answers too many sign-in attempts with this (it looks it up here by name).
handler429 = "ops.views.too_many_requests"
