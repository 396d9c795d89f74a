"""Admin for accounts. Emails and safety details are deliberately absent, and every
look at a member here is audited (moderation/admin_audit.py, docs/security.md)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin

from accounts.models import User
from moderation.admin_audit import AuditedAdminMixin

# allauth's own admin pages list email addresses and authenticator secrets.
admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)


@admin.register(User)
class UserAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["handle", "role", "organisation", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["handle"]
    fields = ["handle", "role", "organisation", "is_active", "is_staff", "date_joined"]
    readonly_fields = ["date_joined"]

    def has_delete_permission(self, request, obj=None):
        # Erasing a member is a privacy process of its own, never an admin click;
        # the admin's delete page would also list their email address.
        return False
