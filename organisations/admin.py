from django.contrib import admin

from organisations.models import AccessCode, EmailDomain, Organisation


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


class AccessCodeInline(admin.TabularInline):
    model = AccessCode
    extra = 0
    readonly_fields = ["uses", "created_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "seat_limit", "minimum_age"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [EmailDomainInline, AccessCodeInline]
