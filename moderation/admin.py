"""Admin for moderation: only the ready-written removal reasons. Cases, messages and
the audit log are read in the guide console, where every read is audited."""

from django.contrib import admin

from moderation.models import RemovalReason


@admin.register(RemovalReason)
class RemovalReasonAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]
