from django.contrib import admin

from selfcare.models import CrisisLine


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "organisation", "phone", "text", "is_active", "order"]
    list_filter = ["country", "is_active", "is_emergency"]
    search_fields = ["name"]
