"""What the baker is doing, for whoever runs the site: read-only, since the baker keeps these itself."""

from django.contrib import admin

from newsdesk.publishing.models import BakedPage, BakeRequest, GonePage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BakeRequest)
class BakeRequestAdmin(ReadOnlyAdmin):
    list_display = ["path", "priority", "requested_at"]
    ordering = ["priority", "requested_at"]
    search_fields = ["path"]


@admin.register(BakedPage)
class BakedPageAdmin(ReadOnlyAdmin):
    list_display = ["path", "size", "etag", "baked_at"]
    search_fields = ["path"]
    date_hierarchy = "baked_at"


@admin.register(GonePage)
class GonePageAdmin(ReadOnlyAdmin):
    list_display = ["path", "gone_at"]
    search_fields = ["path"]
