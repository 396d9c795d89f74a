from django.contrib import admin

from community.models import Talkabout


@admin.register(Talkabout)
class TalkaboutAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "is_archived"]
    prepopulated_fields = {"slug": ["title"]}
