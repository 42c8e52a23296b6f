from django.contrib import admin
from django.utils.html import format_html

from newsdesk.content.admin import AnnouncesChanges
from newsdesk.media.models import Image


@admin.register(Image)
class ImageAdmin(AnnouncesChanges, admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "credit", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["width", "height", "uploaded_at"]

    @admin.display(description="Image")
    def thumbnail(self, image: Image) -> str:
        return format_html('<img src="{}" alt="" width="80" style="height:auto">', image.file.url)
