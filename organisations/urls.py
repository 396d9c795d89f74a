"""The organisation portal, under the "portal" namespace (config/urls.py adds the
crisis-line pages from selfcare.portal_urls)."""

from django.urls import path

from organisations.views import portal, public, staff

urlpatterns = [
    path("", portal.portal_home, name="home"),
    path("access-codes/", portal.access_codes, name="access_codes"),
    path(
        "access-codes/<int:pk>/revoke/",
        portal.access_code_revoke_view,
        name="access_code_revoke",
    ),
    path("email-domains/", portal.email_domains, name="email_domains"),
    path(
        "email-domains/<int:pk>/remove/",
        portal.email_domain_remove_view,
        name="email_domain_remove",
    ),
    path("settings/", portal.organisation_settings, name="settings"),
    path("branding/", portal.branding, name="branding"),
    path("staff/organisations/", staff.organisation_list, name="staff_organisations"),
    path("staff/organisations/<int:pk>/", staff.organisation_detail, name="staff_organisation"),
    path("invitations/<str:token>/", public.invite_accept_view, name="invite_accept"),
    path("organisations/<int:pk>/logo.png", public.organisation_logo, name="organisation_logo"),
    path(
        "organisations/<int:pk>/brand.css",
        public.organisation_brand_css,
        name="organisation_brand_css",
    ),
]
