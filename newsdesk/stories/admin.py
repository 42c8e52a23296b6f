"""The newsroom's admin for stories and live pages; every write goes through stories.services.

Access is Django's model permissions: an editor needs "change story" to edit a story and its facts,
people and timeline, "add live update" to post and "change live update" to correct, remove or pin.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html

from newsdesk.stories import services
from newsdesk.stories.models import KeyFact, LiveCoverage, LiveUpdate, Person, Story, StoryArticle, TimelineEntry


class StoryArticleInline(admin.TabularInline):
    model = StoryArticle
    extra = 1
    autocomplete_fields = ["article"]


class KeyFactInline(admin.TabularInline):
    model = KeyFact
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["statement", "figure", "unit", "source", "source_url", "as_of", "position"]


class PersonInline(admin.TabularInline):
    model = Person
    extra = 1
    fields = ["name", "role", "group", "description", "tag", "author", "position"]
    autocomplete_fields = ["tag", "author"]


class TimelineEntryInline(admin.TabularInline):
    model = TimelineEntry
    extra = 1
    fields = ["happened_on", "precision", "text", "article"]
    autocomplete_fields = ["article"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "in_navigation", "navigation_position", "updated_at"]
    list_filter = ["status", "in_navigation"]
    list_editable = ["in_navigation", "navigation_position"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [StoryArticleInline, KeyFactInline, PersonInline, TimelineEntryInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "summary"]}),
        ("Navigation", {"fields": ["in_navigation", "navigation_position"]}),
    ]

    def save_model(self, request, obj: Story, form, change: bool) -> None:
        # What readers saw before, so that pages the story leaves (an article taken out, the navigation
        # entry of a concluded story) are re-baked too; announced once the inlines are saved.
        request._story_before = services.snapshot(obj.pk)
        obj.save()

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.announce_story_change(form.instance, before=getattr(request, "_story_before", None))

    def delete_model(self, request, obj: Story) -> None:
        services.delete_story(obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for story in queryset:
            services.delete_story(story)


@admin.register(LiveCoverage)
class LiveCoverageAdmin(admin.ModelAdmin):
    list_display = ["title", "story", "started_at", "ended_at", "updates_link"]
    list_filter = [("ended_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["story"]
    readonly_fields = ["ended_at"]
    fields = ["title", "slug", "story", "summary", "started_at", "ended_at"]
    actions = ["end_selected"]

    @admin.display(description="Updates")
    def updates_link(self, coverage: LiveCoverage) -> str:
        listing = reverse("admin:stories_liveupdate_changelist") + f"?coverage__id__exact={coverage.pk}"
        post = reverse("admin:stories_liveupdate_add") + f"?coverage={coverage.pk}"
        if not coverage.is_live:
            return format_html('<a href="{}">All updates</a>', listing)
        return format_html('<a href="{}">All updates</a> · <a href="{}">Post an update</a>', listing, post)

    def save_model(self, request, obj: LiveCoverage, form, change: bool) -> None:
        services.save_coverage(obj)

    @admin.action(description="End the selected live coverage", permissions=["change"])
    def end_selected(self, request, queryset: QuerySet) -> None:
        ended = 0
        for coverage in queryset.live():
            services.end_coverage(coverage)
            ended += 1
        self.message_user(request, f"Ended {ended} live page(s).", messages.SUCCESS)


class LiveUpdateForm(forms.ModelForm):
    """Posting, and afterwards correcting (with a note readers see) or removing (with a reason)."""

    correction = forms.CharField(
        label="Correction note",
        required=False,
        max_length=300,
        help_text="Required when you change the text or image: shown to readers.",
    )
    remove = forms.BooleanField(required=False, label="Remove this update", help_text="A notice stays in its place.")
    removal_reason = forms.CharField(required=False, max_length=300, help_text="Why it was removed: shown to readers.")

    class Meta:
        model = LiveUpdate
        fields = ["coverage", "body", "image", "author", "is_pinned"]

    def clean(self):
        cleaned = super().clean()
        coverage = cleaned.get("coverage") or (self.instance.coverage if self.instance.pk else None)
        if coverage is not None and not coverage.is_live:
            raise ValidationError(f"The live coverage “{coverage.title}” has ended; it takes no more changes.")
        if self.instance.pk:
            if self.instance.is_removed:
                raise ValidationError("This update was removed; it can no longer change.")
            if cleaned.get("remove"):
                if not (cleaned.get("removal_reason") or "").strip():
                    self.add_error("removal_reason", "Tell readers why the update was removed.")
            elif {"body", "image"} & set(self.changed_data) and not (cleaned.get("correction") or "").strip():
                self.add_error("correction", "Tell readers what was corrected.")
        return cleaned


@admin.register(LiveUpdate)
class LiveUpdateAdmin(admin.ModelAdmin):
    form = LiveUpdateForm
    list_display = ["__str__", "coverage", "posted_at", "author", "is_pinned", "state"]
    list_filter = ["coverage", "is_pinned"]
    list_select_related = ["coverage", "author"]
    search_fields = ["body"]
    autocomplete_fields = ["image", "author"]
    actions = ["pin_selected"]

    @admin.display(description="State")
    def state(self, update: LiveUpdate) -> str:
        if update.is_removed:
            return "Removed"
        return "Corrected" if update.corrected_at else "Posted"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["coverage", "body", "image", "author", "is_pinned"]
        return ["coverage", "body", "image", "author", "is_pinned", "correction", "remove", "removal_reason"]

    def get_readonly_fields(self, request, obj=None):
        return ["coverage", "author"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coverage":
            kwargs["queryset"] = LiveCoverage.objects.live()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request) -> dict:
        initial = super().get_changeform_initial_data(request)
        author = getattr(request.user, "author", None)
        if author is not None:
            initial.setdefault("author", author.pk)
        return initial

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # removals are shown to readers: use "Remove this update"

    def save_model(self, request, obj: LiveUpdate, form, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            posted = services.post_update(
                obj.coverage, body=obj.body, author=obj.author, image=obj.image, pinned=obj.is_pinned, by=request.user
            )
            obj.pk, obj._state.adding = posted.pk, False
            return
        if data.get("remove"):
            services.remove_update(obj, note=data["removal_reason"])
            return
        if {"body", "image"} & set(form.changed_data):
            services.correct_update(obj, body=obj.body, image=obj.image, note=data["correction"])
        if "is_pinned" in form.changed_data:
            (services.pin_update if obj.is_pinned else services.unpin_update)(obj)

    @admin.action(description="Pin the selected update as the key update", permissions=["change"])
    def pin_selected(self, request, queryset: QuerySet) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Pin exactly one update.", messages.ERROR)
            return
        try:
            services.pin_update(queryset.get())
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, "Pinned.", messages.SUCCESS)
