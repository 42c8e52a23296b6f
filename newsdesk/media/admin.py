"""The media library in the admin: upload (checked and re-encoded by media.services), find, describe;
and the PDF documents stories link to.

Also the JSON list the article editor's "insert image" button reads: /admin/media/image/library.json.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET

from newsdesk.content.admin import AnnouncesChanges
from newsdesk.media import queries, services
from newsdesk.media.models import Document, Image

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
LIBRARY_PAGE_SIZE = 24


class _UploadField(forms.FileField):
    """A file checked and re-encoded by media.services; its cleaned value is a PreparedImage."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return services.prepare_upload(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages, code=getattr(error, "code", None)) from None


class ImageUploadForm(forms.ModelForm):
    upload = _UploadField(
        label="Image file",
        help_text="JPEG, PNG, WebP or GIF. The file is re-encoded: its metadata (camera, GPS) is removed.",
    )

    class Meta:
        model = Image
        fields = ["upload", "alt_text", "caption", "credit"]


class ImageChangeForm(forms.ModelForm):
    upload = _UploadField(
        label="Replace the file",
        required=False,
        help_text="Optional. The pages showing this image will show the new one.",
    )

    class Meta:
        model = Image
        fields = ["alt_text", "caption", "credit", "upload"]


@admin.register(Image)
class ImageAdmin(AnnouncesChanges, admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "caption", "credit", "size", "renditions_made", "uploaded_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit", "original_name"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ["preview", "size", "original_name", "uploaded_by", "uploaded_at", "rendition_list"]
    actions = ["make_missing_renditions"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions").select_related("uploaded_by")

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ImageChangeForm if obj is not None else ImageUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["upload", "alt_text", "caption", "credit"]})]
        return [
            (None, {"fields": ["preview", "alt_text", "caption", "credit"]}),
            ("File", {"fields": ["upload", "size", "original_name", "uploaded_by", "uploaded_at", "rendition_list"]}),
        ]

    def save_model(self, request, obj, form, change) -> None:
        prepared = form.cleaned_data.get("upload")
        if prepared is not None:
            services.save_upload(obj, prepared, user=request.user)
        else:
            services.update_image(obj)

    # --- columns and read-only fields ---

    @admin.display(description="Image")
    def thumbnail(self, image: Image) -> str:
        height = round(80 * image.height / image.width) if image.width else ""
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy">', queries.thumbnail_url(image), height
        )

    @admin.display(description="Preview")
    def preview(self, image: Image) -> str:
        return format_html('<img src="{}" alt="{}" width="400" class="media-preview">', image.file.url, image.alt_text)

    @admin.display(description="Size")
    def size(self, image: Image) -> str:
        return f"{image.width} × {image.height}"

    @admin.display(description="Renditions")
    def renditions_made(self, image: Image) -> str:
        count = len(image.renditions.all())
        return f"{count} made" if count else "waiting"

    @admin.display(description="Renditions")
    def rendition_list(self, image: Image) -> str:
        renditions = list(image.renditions.all())
        if not renditions:
            return "Not made yet: they are made in the background after an upload."
        return format_html_join(
            ", ", '<a href="{}">{} px {}</a>', ((r.file.url, r.width, r.get_format_display()) for r in renditions)
        )

    @admin.action(description="Make missing renditions")
    def make_missing_renditions(self, request, queryset) -> None:
        for image in queryset:
            services.queue_renditions(image)
        self.message_user(request, f"Renditions of {queryset.count()} image(s) will be made in the background.",
                          messages.SUCCESS)  # fmt: skip

    # --- the article editor's picker ---

    def get_urls(self):
        library = path(
            "library.json", self.admin_site.admin_view(self.library_json), name="media_image_library"
        )
        return [library, *super().get_urls()]

    def library_json(self, request: HttpRequest) -> JsonResponse:
        return _library_json(request)


@require_GET
def _library_json(request: HttpRequest) -> JsonResponse:
    """Images matching ?q=, newest first, LIBRARY_PAGE_SIZE a page (?page=N), for staff who may see the library."""
    if not request.user.has_perm("media.view_image"):
        return JsonResponse({"error": "You are not allowed to see the media library."}, status=403)
    query = request.GET.get("q", "")[:200]
    paginator = Paginator(queries.search_images(query), LIBRARY_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        return JsonResponse({"error": "There is no such page of results."}, status=404)
    return JsonResponse(
        {
            "query": query,
            "page": page.number,
            "has_next": page.has_next(),
            "results": [queries.library_entry(image) for image in page],
        }
    )


class DocumentUploadForm(forms.ModelForm):
    upload = forms.FileField(
        label="PDF file",
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
        help_text="Stored as it is. Once saved, its address is shown here: link to it from a story.",
    )

    class Meta:
        model = Document
        fields = ["upload", "title"]

    def clean_upload(self):
        try:
            return services.prepare_document(self.cleaned_data["upload"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages, code=getattr(error, "code", None)) from None


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "address", "size_in_kb", "original_name", "uploaded_at"]
    search_fields = ["title", "original_name"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ["address", "size_in_kb", "original_name", "uploaded_by", "uploaded_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DocumentUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["upload", "title"] if obj is None else ["title", *self.readonly_fields]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            obj.save()
            return
        stored = services.store_document(form.cleaned_data["upload"], title=obj.title, user=request.user)
        obj.pk, obj.file, obj.size = stored.pk, stored.file, stored.size

    @admin.display(description="Address")
    def address(self, document: Document) -> str:
        return format_html('<a href="{0}">{0}</a>', document.file.url) if document.file else "–"

    @admin.display(description="Size", ordering="size")
    def size_in_kb(self, document: Document) -> str:
        return f"{document.size / 1000:,.0f} KB"
