"""Staff keep crisis lines, library articles, tags and courses here. Members' private
self-care (check-ins, journal, safety plan) is deliberately not in the admin."""

from django.contrib import admin
from django.utils import timezone

from selfcare.models import Article, Course, CourseModule, CrisisLine, Tag


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "organisation", "phone", "text", "is_active", "order"]
    list_filter = ["country", "is_active", "is_emergency"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "reading_minutes", "updated_at"]
    list_filter = ["is_published", "tags"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["tags"]
    readonly_fields = ["updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)


class CourseModuleInline(admin.StackedInline):
    model = CourseModule
    extra = 0
    fields = ["number", "title", "body", "exercise"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "is_published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CourseModuleInline]
