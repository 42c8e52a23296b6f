"""The newsroom in the admin: writing and editing articles, their workflow, revisions, previews and
corrections, the audit log and the dashboard.

The change form never saves an article itself: it gathers what the writer sent and calls
newsroom.workflow, which checks the role, the version and the state, and keeps every revision.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.conf import settings
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from newsdesk.content.admin import AnnouncesChanges
from newsdesk.content.models import Article, ArticleAuthor, Publication, render_body
from newsdesk.newsroom import diff, preview, roles, workflow
from newsdesk.newsroom.models import Correction, Event, Revision
from newsdesk.newsroom.roles import Action
from newsdesk.newsroom.views import private, render_draft
from newsdesk.newsroom.widgets import MarkdownEditor

Status = Article.Status

# The buttons under the form: the workflow step each one takes after saving, and who sees it when.
WORKFLOW_BUTTONS = {
    "submit": ("Submit for review", Action.SUBMIT, {Status.DRAFT}),
    "return": ("Back to draft", Action.EDIT, {Status.REVIEW, Status.SCHEDULED}),
    "schedule": ("Schedule", Action.SCHEDULE, {Status.DRAFT, Status.REVIEW, Status.SCHEDULED}),
    "publish": ("Publish now", Action.PUBLISH, {Status.DRAFT, Status.REVIEW, Status.SCHEDULED, Status.WITHDRAWN}),
    "update": ("Publish update", Action.PUBLISH, {Status.PUBLISHED}),
    "withdraw": ("Withdraw", Action.WITHDRAW, {Status.PUBLISHED}),
}


class ArticleForm(forms.ModelForm):
    """The article's words and placement, plus the version it was opened at and the workflow step."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    schedule_at = forms.SplitDateTimeField(
        label="Publish at", required=False, widget=admin.widgets.AdminSplitDateTime,
        help_text="For “Schedule”: the time the worker publishes it (the publication's time zone).",
    )
    workflow_note = forms.CharField(
        label="Note", required=False, max_length=500,
        help_text="For the history: why it goes back to draft, why it is withdrawn, what changed.",
    )

    request = None  # set by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = ["headline", "dek", "slug", "body", "section", "tags", "language", "lead_image"]
        widgets = {"body": MarkdownEditor}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A published article opens on its pending update, if one is being worked on.
            data = workflow.working_copy(self.instance)
            for field in ("headline", "dek", "slug", "body", "section", "tags", "language", "lead_image"):
                self.initial[field] = data[field]
            self.initial["base_version"] = self.instance.version
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "The address of the story. Left empty, it is made from the headline."

    @property
    def workflow_step(self) -> str:
        return self.request.POST.get("_workflow", "") if self.request else ""

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        headline = self.cleaned_data.get("headline") or self.data.get("headline") or ""
        return slug or workflow.unique_slug(headline, exclude=self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        step = self.workflow_step
        if step and step not in WORKFLOW_BUTTONS:
            raise ValidationError("Unknown workflow step.")
        if step == "schedule":
            at = cleaned.get("schedule_at")
            if at is None:
                self.add_error("schedule_at", "Choose when to publish it.")
            elif at <= timezone.now():
                self.add_error("schedule_at", "Choose a time in the future, or publish now.")
        return cleaned


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "credit", "position"]

    def get_formset(self, request, obj=None, **kwargs):
        pending = _pending_bylines(obj)
        if pending is not None:
            # Shown from the pending update, so every line must come back (min_num keeps them bound).
            kwargs.update(min_num=len(pending), extra=1, validate_min=False)
        return super().get_formset(request, obj, **kwargs)

    # The formset is read by ArticleAdmin and passed to the workflow; nothing here saves it.
    def has_add_permission(self, request, obj=None) -> bool:
        return obj is None or roles.can(request.user, Action.EDIT, obj)

    has_change_permission = has_delete_permission = has_add_permission


def _pending_bylines(article: Article | None) -> list | None:
    """The pending update's bylines when they differ from the live ones (else None)."""
    if article is None or article.pk is None:
        return None
    pending = workflow.pending_update(article)
    if pending is None:
        return None
    live = [[line.author_id, line.credit] for line in article.bylines.all()]
    return pending.data["bylines"] if pending.data["bylines"] != live else None


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "byline", "status_label", "published_at", "reading_time"]
    list_filter = ["status", "section", "tags", "authors"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "body", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "tags", "lead_image"]
    inlines = [BylineInline]
    actions = ["publish_selected", "withdraw_selected"]
    change_form_template = "admin/newsroom/article/change_form.html"
    fieldsets = [
        (None, {"fields": ["headline", "dek", "slug", "body"]}),
        ("Placement", {"fields": ["section", "tags", "language", "lead_image"]}),
        ("Workflow", {"fields": ["schedule_at", "workflow_note", "base_version"]}),
    ]

    # Who sees what -------------------------------------------------------------------------------

    def get_queryset(self, request) -> QuerySet:
        articles = super().get_queryset(request).prefetch_related("bylines__author")
        is_list = request.resolver_match is not None and (request.resolver_match.url_name or "").endswith("changelist")
        if not is_list or (roles.role_of(request.user) or 0) >= roles.Role.EDITOR:
            return articles  # one article's pages check the article itself (has_*_permission): a 403
        # Contributors and authors list their own stories only.
        return articles.filter(Q(created_by=request.user) | Q(bylines__author__user=request.user)).distinct()

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) and (obj is None or roles.can(request.user, Action.EDIT, obj))

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or roles.can(request.user, Action.EDIT, obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or roles.can(request.user, Action.DELETE, obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not roles.can(request.user, Action.WITHDRAW):
            actions.pop("withdraw_selected", None)
        if not roles.can(request.user, Action.PUBLISH):
            actions.pop("publish_selected", None)
        return actions

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        pending = _pending_bylines(obj) if isinstance(inline, BylineInline) else None
        if pending is not None and request.method != "POST":
            kwargs["queryset"] = ArticleAuthor.objects.none()
            kwargs["initial"] = [{"author": a, "credit": credit, "position": n} for n, (a, credit) in enumerate(pending)]
        elif pending is not None:
            kwargs["queryset"] = ArticleAuthor.objects.none()
        return kwargs

    @admin.display(description="Byline")
    def byline(self, article: Article) -> str:
        return ", ".join(str(line.author) for line in article.bylines.all())

    @admin.display(description="Status", ordering="status")
    def status_label(self, article: Article) -> str:
        if article.status == Status.SCHEDULED and article.published_at:
            local = timezone.localtime(article.published_at)
            return f"Scheduled for {local:%d %b %H:%M}"
        return article.get_status_display()

    # Saving: the form's data goes to the workflow ------------------------------------------------

    def save_model(self, request, obj: Article, form, change: bool) -> None:
        """Nothing here: save_related has the bylines too, and saves everything in one call."""

    def save_related(self, request, form, formsets, change: bool) -> None:
        article: Article = form.instance
        data = _snapshot_from_form(form, formsets)
        for formset in formsets:  # read, never saved: the admin's change message asks what they saved
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        user = request.user
        if not change:
            created = workflow.create_article(
                user, headline=data["headline"], body=data["body"], section=form.cleaned_data["section"],
                dek=data["dek"], slug=data["slug"], tags=form.cleaned_data["tags"],
                bylines=_bylines_from(formsets) or None, lead_image=form.cleaned_data["lead_image"],
                language=data["language"],
            )
            article.__dict__.update({k: v for k, v in created.__dict__.items() if not k.startswith("_")})
            article._state.adding = False
        else:
            article = workflow.save_edit(
                Article.objects.get(pk=article.pk), user, data, base_version=form.cleaned_data["base_version"] or 0
            )
        self._take_step(request, article, form)

    def _take_step(self, request, article: Article, form) -> None:
        step, note = form.workflow_step, form.cleaned_data.get("workflow_note", "")
        article = Article.objects.get(pk=article.pk)
        try:
            if step == "submit":
                workflow.submit_for_review(article, request.user)
            elif step == "return":
                workflow.return_to_draft(article, request.user, note)
            elif step == "schedule":
                workflow.schedule(article, request.user, form.cleaned_data["schedule_at"])
            elif step in ("publish", "update"):
                workflow.publish(article, request.user)
            elif step == "withdraw":
                workflow.withdraw(article, request.user, note)
        except workflow.WorkflowError as error:
            # Saved, but the step did not fit the article's state: say so (the save stands).
            messages.error(request, " ".join(error.messages))
            return
        if step:
            self.message_user(request, f"{WORKFLOW_BUTTONS[step][0]}: done.", messages.SUCCESS)

    @csrf_protect_m
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            conflict = self._conflict(request, object_id)
            if conflict is not None:
                return conflict
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _conflict(self, request, object_id):
        """Refuse a save made from an older version: keep it as a revision and show both."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_change_permission(request, article):
            return None  # the normal view answers these
        try:
            base_version = int(request.POST.get("base_version", ""))
        except ValueError:
            return None
        if base_version == article.version:
            return None
        form_class = self.get_form(request, article, change=True)
        form = form_class(request.POST, request.FILES, instance=article)
        if not form.is_valid():
            return None  # let the form show its own errors first
        formsets, _ = self._create_formsets(request, article, change=True)
        yours = _snapshot_from_form(form, formsets if all(f.is_valid() for f in formsets) else [])
        if not all(f.is_valid() for f in formsets):
            # The bylines' rows changed under the form (the other save rewrote them): keep the current ones.
            yours["bylines"] = workflow.working_copy(article)["bylines"]
        conflict = workflow.record_conflict(article, request.user, yours, base_version=base_version)
        if conflict is None:
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "article": article, "conflict": conflict,
            "their_changes": diff.compare(conflict.base or conflict.yours, conflict.current),
            "your_changes": diff.compare(conflict.current, conflict.yours),
            "title": "This article was changed while you were editing",
        }
        return TemplateResponse(request, "admin/newsroom/article/conflict.html", context, status=409)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context["workflow_buttons"] = [
            (value, label)
            for value, (label, action, states) in WORKFLOW_BUTTONS.items()
            if roles.can(user, action, obj) and (obj.status if obj else Status.DRAFT) in states
        ]
        if obj is not None:
            context.update(
                article=obj, pending=workflow.pending_update(obj),
                can_correct=roles.can(user, Action.CORRECT, obj) and obj.is_public,
                can_preview=roles.can(user, Action.PREVIEW, obj),
            )
        context["render_preview_url"] = reverse("admin:newsroom_render_preview")
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Bulk actions --------------------------------------------------------------------------------

    @admin.action(description="Publish selected articles")
    def publish_selected(self, request, queryset: QuerySet) -> None:
        done = 0
        with transaction.atomic():
            for article in queryset:
                roles.require(request.user, Action.PUBLISH, article)
                if article.status != Status.PUBLISHED or workflow.pending_update(article):
                    workflow.publish(article, request.user)
                    done += 1
        self.message_user(request, f"Published {done} article(s).", messages.SUCCESS)

    @admin.action(description="Withdraw selected articles (their addresses answer 410 Gone)")
    def withdraw_selected(self, request, queryset: QuerySet) -> None:
        done = 0
        with transaction.atomic():
            for article in queryset.filter(status=Status.PUBLISHED):
                workflow.withdraw(article, request.user, "withdrawn from the article list")
                done += 1
        self.message_user(request, f"Withdrew {done} article(s).", messages.SUCCESS)

    def delete_model(self, request, obj: Article) -> None:
        roles.require(request.user, Action.DELETE, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for article in queryset:
            roles.require(request.user, Action.DELETE, article)
        super().delete_queryset(request, queryset)

    # Extra pages: preview, preview links, revisions, corrections, the editor's live preview ------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("render-preview/", view(self.render_preview_view), name="newsroom_render_preview"),
            path("<path:object_id>/preview/", view(self.preview_view), name="newsroom_article_preview"),
            path("<path:object_id>/preview-link/", view(self.preview_link_view), name="newsroom_article_preview_link"),
            path("<path:object_id>/revisions/", view(self.revisions_view), name="newsroom_article_revisions"),
            path("<path:object_id>/revisions/<int:number>/restore/", view(self.restore_view), name="newsroom_article_restore"),
            path("<path:object_id>/correction/", view(self.correction_view), name="newsroom_article_correction"),
            *super().get_urls(),
        ]

    def _article(self, request, object_id, action: Action) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article, or not one of yours.")
        roles.require(request.user, action, article)
        return article

    def render_preview_view(self, request):
        """The editor's live preview: the body rendered, counted and timed by the functions the site
        uses when it saves an article."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        roles.require(request.user, Action.CREATE)
        body = request.POST.get("body", "")
        if len(body) > 500_000:
            return JsonResponse({"error": "The body is too long to preview."}, status=413)
        language = request.POST.get("language") or Publication.objects.current().language
        html, words, minutes = render_body(body, language)
        return JsonResponse({"html": html, "word_count": words, "reading_time": minutes})

    def preview_view(self, request, object_id):
        article = self._article(request, object_id, Action.PREVIEW)
        return private(render_draft(request, article, shared=False))

    def preview_link_view(self, request, object_id):
        article = self._article(request, object_id, Action.PREVIEW)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        link = preview.link_for(article)
        hours = settings.NEWSDESK_PREVIEW_LINK_HOURS
        messages.success(request, format_html("Preview link, valid for {} hours: <a href=\"{}\">{}</a>", hours, link, link))
        return HttpResponseRedirect(reverse("admin:content_article_change", args=[article.pk]))

    def revisions_view(self, request, object_id):
        article = self._article(request, object_id, Action.EDIT)
        revisions = list(article.revisions.select_related("created_by"))
        by_number = {revision.number: revision for revision in revisions}
        changes = None
        try:
            a, b = int(request.GET.get("a", 0)), int(request.GET.get("b", 0))
        except ValueError:
            a = b = 0
        if a in by_number and b in by_number:
            old, new = sorted([by_number[a], by_number[b]], key=lambda r: r.number)
            changes = {"old": old, "new": new, "fields": diff.compare(old.data, new.data)}
        elif revisions and len(revisions) > 1 and "a" not in request.GET:
            changes = {"old": revisions[1], "new": revisions[0], "fields": diff.compare(revisions[1].data, revisions[0].data)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "article": article, "original": article, "revisions": revisions,
            "events": article.events.select_related("user")[:200], "changes": changes,
            "title": f"History and revisions: {article.headline}",
        }
        return TemplateResponse(request, "admin/newsroom/article/revisions.html", context)

    def restore_view(self, request, object_id, number: int):
        article = self._article(request, object_id, Action.EDIT)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        revision = get_object_or_404(Revision, article=article, number=number)
        workflow.restore_revision(article, revision, request.user)
        where = "as the pending update (publish it to show readers)" if article.status == Status.PUBLISHED else ""
        messages.success(request, f"Revision {number} restored {where}".strip() + ".")
        return HttpResponseRedirect(reverse("admin:content_article_change", args=[article.pk]))

    def correction_view(self, request, object_id):
        article = self._article(request, object_id, Action.CORRECT)
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                workflow.add_correction(article, request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The note is on the article and on the corrections page.")
                return HttpResponseRedirect(reverse("admin:content_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "article": article, "original": article, "form": form,
            "title": f"Add a correction or update: {article.headline}",
        }
        return TemplateResponse(request, "admin/newsroom/article/correction.html", context)


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(choices=Correction.Kind.choices)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


def _bylines_from(formsets) -> list:
    for formset in formsets:
        if formset.model is ArticleAuthor:
            rows = [
                f.cleaned_data for f in formset.forms
                if f.cleaned_data and f.cleaned_data.get("author") and not f.cleaned_data.get("DELETE")
            ]
            rows.sort(key=lambda row: row.get("position") or 0)
            return [(row["author"], row.get("credit") or "") for row in rows]
    return []


def _snapshot_from_form(form, formsets) -> dict:
    cleaned = form.cleaned_data
    return {
        "headline": cleaned["headline"], "dek": cleaned.get("dek") or "", "slug": cleaned["slug"],
        "body": cleaned["body"], "section": cleaned["section"].pk,
        "tags": sorted(tag.pk for tag in cleaned.get("tags") or []),
        "bylines": [[author.pk, credit] for author, credit in _bylines_from(formsets)],
        "lead_image": cleaned["lead_image"].pk if cleaned.get("lead_image") else None,
        "language": cleaned.get("language") or "",
    }


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The audit log: every publishing action, by whom and when. Nothing here can be changed."""

    list_display = ["at", "action", "article_link", "user", "from_status", "to_status", "note"]
    list_filter = ["action", ("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["headline", "note", "user__username"]
    date_hierarchy = "at"
    list_select_related = ["user", "article"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(action__in=Event.PUBLISHING)

    def has_view_permission(self, request, obj=None) -> bool:
        return roles.can(request.user, Action.VIEW_AUDIT)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Article")
    def article_link(self, event: Event):
        return format_html('<a href="{}">{}</a>', reverse("admin:content_article_change", args=[event.article_id]), event.headline)


@admin.register(Correction)
class CorrectionAdmin(AnnouncesChanges, admin.ModelAdmin):
    """Corrections are added from their article's page; here they can be read, reworded or removed."""

    list_display = ["created_at", "kind", "article", "text"]
    list_filter = ["kind"]
    search_fields = ["text", "article__headline"]
    fields = ["article", "kind", "text", "created_at"]
    readonly_fields = ["article", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        roles.require(request.user, Action.CORRECT, obj.article)
        super().save_model(request, obj, form, change)
        from newsdesk.content.services import announce_article_change

        announce_article_change(obj.article)

    def delete_model(self, request, obj) -> None:
        from newsdesk.content.services import announce_article_change

        announce_article_change(obj.article)
        super().delete_model(request, obj)
