"""The newsroom's admin for the content model; every write goes through content.services."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.urls import reverse

from newsdesk.content import services
from newsdesk.content.models import Article, ArticleAuthor, Author, Page, Publication, Section, Tag


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


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "credit", "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "byline", "status", "published_at", "reading_time"]
    list_filter = ["status", "section", "tags", "authors"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "body", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "tags", "lead_image"]
    readonly_fields = ["reading_time", "word_count", "created_at", "modified_at"]
    inlines = [BylineInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "slug", "body"]}),
        ("Placement", {"fields": ["section", "tags", "language", "lead_image"]}),
        ("Publishing", {"fields": ["status", "published_at", "updated_at"]}),
        ("Figures", {"fields": ["word_count", "reading_time", "created_at", "modified_at"]}),
    ]

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).prefetch_related("bylines__author")

    @admin.display(description="Byline")
    def byline(self, article: Article) -> str:
        return ", ".join(str(line.author) for line in article.bylines.all())

    def save_model(self, request, obj: Article, form, change: bool) -> None:
        services.save_article(obj)

    @admin.action(description="Publish selected articles")
    def publish_selected(self, request, queryset: QuerySet) -> None:
        for article in queryset:
            services.publish_article(article)
        self.message_user(request, f"Published {queryset.count()} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)")
    def unpublish_selected(self, request, queryset: QuerySet) -> None:
        for article in queryset:
            services.unpublish_article(article)
        self.message_user(request, f"Unpublished {queryset.count()} article(s).", messages.SUCCESS)


@admin.register(Page)
class PageAdmin(AnnouncesChanges, admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "in_footer", "updated_at"]
    list_filter = ["is_published", "in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
