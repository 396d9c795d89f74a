from django.contrib import admin

from chat.models import InterestCategory, Room
from moderation.admin_audit import AuditedAdminMixin


@admin.register(Room)
class RoomAdmin(AuditedAdminMixin, admin.ModelAdmin):
    # Staff set up group rooms; messages and buddy chats stay out of the admin.
    list_display = ["title", "kind", "facilitator", "capacity", "is_open"]
    list_filter = ["kind", "is_open"]
    fields = ["kind", "title", "topic", "schedule", "facilitator", "capacity", "is_open"]
    raw_id_fields = ["facilitator"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind="group")


@admin.register(InterestCategory)
class InterestCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
