"""The moderation queue and the comment settings; every change goes through comments.services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpResponseRedirect
from django.urls import reverse

from newsdesk.comments import services
from newsdesk.comments.models import ArticleCommentSettings, Comment, CommentSettings


class StatusFilter(admin.SimpleListFilter):
    """Pending first, as the queue an editor opens; with the number in each status."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(Comment.objects.order_by().values_list("status").annotate(n=Count("pk")))
        return [(value, f"{label} ({counts.get(value, 0)})") for value, label in Comment.Status.choices]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "name", "email", "article", "status", "submitted_at", "ip_address"]
    list_filter = [StatusFilter, ("article", admin.RelatedOnlyFieldListFilter), "submitted_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "ip_address"]
    date_hierarchy = "submitted_at"
    actions = ["approve_selected", "spam_selected", "trash_selected", "restore_selected"]
    fields = [
        "article", "parent", "status", "name", "email", "website", "body", "notify_replies",
        "submitted_at", "moderated_at", "ip_address", "user_agent",
    ]  # fmt: skip
    readonly_fields = ["article", "parent", "status", "submitted_at", "moderated_at", "ip_address", "user_agent"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request) -> bool:
        return False  # comments come from readers

    @admin.display(description="Comment")
    def excerpt(self, comment: Comment) -> str:
        return str(comment).split(": ", 1)[-1]

    def save_model(self, request, obj: Comment, form, change: bool) -> None:
        services.edit_comment(obj)

    def delete_model(self, request, obj: Comment) -> None:
        services.delete_comment(obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for comment in queryset:
            services.delete_comment(comment)

    def _apply(self, request, queryset: QuerySet, action, done: str) -> None:
        for comment in queryset.select_related("article", "parent"):
            action(comment)
        self.message_user(request, f"{done} {queryset.count()} comment(s).", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve_selected(self, request, queryset):
        self._apply(request, queryset, services.approve_comment, "Approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def spam_selected(self, request, queryset):
        self._apply(request, queryset, services.mark_comment_spam, "Marked as spam:")

    @admin.action(description="Move selected comments to the trash", permissions=["change"])
    def trash_selected(self, request, queryset):
        self._apply(request, queryset, services.trash_comment, "Moved to the trash:")

    @admin.action(description="Restore selected comments to the moderation queue", permissions=["change"])
    def restore_selected(self, request, queryset):
        self._apply(request, queryset, services.restore_comment, "Restored")


@admin.register(CommentSettings)
class CommentSettingsAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it."""

    fieldsets = [
        ("Threads", {"fields": ["max_depth", "close_after_days", "max_length"]}),
        ("Moderation", {"fields": ["hold_first_comment", "hold_all", "max_links", "moderation_words", "blocked_words"]}),
        ("Abuse defence", {"fields": ["min_seconds", "rate_limit_count", "rate_limit_seconds"]}),
        ("Privacy", {"fields": ["retention_days"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        current = CommentSettings.objects.current()
        return HttpResponseRedirect(reverse("admin:comments_commentsettings_change", args=[current.pk]))


@admin.register(ArticleCommentSettings)
class ArticleCommentSettingsAdmin(admin.ModelAdmin):
    """Open or close comments on one article (closed articles keep their comments on show)."""

    list_display = ["article", "comments_open"]
    list_filter = ["comments_open"]
    autocomplete_fields = ["article"]
    search_fields = ["article__headline"]

    def save_model(self, request, obj: ArticleCommentSettings, form, change: bool) -> None:
        services.set_comments_open(obj.article, obj.comments_open)
