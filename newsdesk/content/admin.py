"""The admin for the content model's settings and taxonomy (articles are the newsroom app's: newsroom.admin).
Every write goes through content.services."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse

from newsdesk.content import services
from newsdesk.content.models import Author, Page, Publication, Section, Tag


class AnnouncesChanges:
    """Saving or deleting in the admin tells the rest of the site, so baked pages follow."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.announce_content_change(obj)

    def delete_model(self, request, obj) -> None:
        services.announce_content_change(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            services.announce_content_change(obj)
        super().delete_queryset(request, queryset)


@admin.register(Publication)
class PublicationAdmin(AnnouncesChanges, admin.ModelAdmin):
    """One publication per site: the list goes straight to its settings."""

    list_display = ["name", "language", "time_zone"]
    autocomplete_fields = ["logo", "terms_page", "privacy_page"]
    fieldsets = [
        (None, {"fields": ["name", "tagline", "logo"]}),
        ("Language and time", {"fields": ["language", "time_zone"]}),
        ("Legal", {"fields": ["copyright_holder", "terms_page", "privacy_page"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return not Publication.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        publication = Publication.objects.current()
        return HttpResponseRedirect(reverse("admin:content_publication_change", args=[publication.pk]))


@admin.register(Author)
class AuthorAdmin(AnnouncesChanges, admin.ModelAdmin):
    list_display = ["name", "role", "slug", "user"]
    search_fields = ["name", "role", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo", "user"]


@admin.register(Section)
class SectionAdmin(AnnouncesChanges, admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(AnnouncesChanges, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Page)
class PageAdmin(AnnouncesChanges, admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "in_footer", "updated_at"]
    list_filter = ["is_published", "in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
