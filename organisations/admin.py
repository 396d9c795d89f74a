from django.contrib import admin

from moderation.admin_audit import AuditedAdminMixin
from organisations.models import AccessCode, EmailDomain, OrgAdminInvite, Organisation


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


class AccessCodeInline(admin.TabularInline):
    model = AccessCode
    extra = 0
    readonly_fields = ["uses", "created_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "seat_limit", "minimum_age", "licence_ends_on"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [EmailDomainInline, AccessCodeInline]


@admin.register(OrgAdminInvite)
class OrgAdminInviteAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Read-only: invitations are sent, and their addresses shown, on the staff pages of
    the portal; the admin shows no email address (docs/security.md)."""

    list_display = ["organisation", "created_at", "expires_at", "accepted_at"]
    fields = readonly_fields = [
        field.name for field in OrgAdminInvite._meta.fields if "email" not in field.name
    ]

    def has_add_permission(self, request):
        return False
