from django.contrib import admin

from chat.models import InterestCategory, Room, RoomKind
from chat.services import room_presence_set
from moderation.admin_audit import AuditedAdminMixin


@admin.register(Room)
class RoomAdmin(AuditedAdminMixin, admin.ModelAdmin):
    # Staff set up group rooms; messages and buddy chats stay out of the admin.
    list_display = ["title", "kind", "facilitator", "capacity", "is_open", "show_presence"]
    list_filter = ["kind", "is_open"]
    fields = [
        "kind", "title", "topic", "schedule", "facilitator", "capacity", "is_open",
        "show_presence",
    ]  # fmt: skip
    raw_id_fields = ["facilitator"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "show_presence" in form.changed_data and obj.kind == RoomKind.GROUP:
            room_presence_set(room=obj, show=obj.show_presence)  # open pages follow at once

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind="group")


@admin.register(InterestCategory)
class InterestCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
