"""Read-only views of what imports remembered: old addresses and which object each source item became."""

from django.contrib import admin

from newsdesk.importers.models import LegacyAddress, SourceRecord


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LegacyAddress)
class LegacyAddressAdmin(ReadOnly):
    list_display = ["path", "article", "page"]
    search_fields = ["path"]
    list_select_related = ["article", "page"]


@admin.register(SourceRecord)
class SourceRecordAdmin(ReadOnly):
    list_display = ["source", "site", "kind", "source_id", "object_id", "imported_at"]
    list_filter = ["source", "kind"]
    search_fields = ["source_id"]
