"""The newsroom's actions on an article: every one checks the user's role, records who and when, and
runs in one transaction. Admin, API and tasks call these; nothing else changes an article's state.

States: draft → review → (scheduled →) published → withdrawn; an editor can return a story to draft,
and republish a withdrawn one. A published article is never edited in place: saves go to its pending
update (a revision not yet applied), which goes live when it is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from newsdesk.content import services
from newsdesk.content.models import Article, Author, Section, Tag
from newsdesk.media.models import Image
from newsdesk.newsroom.models import Correction, Event, Revision
from newsdesk.newsroom.roles import Action, require

Status = Article.Status
FIELDS = ("headline", "dek", "slug", "body", "section", "tags", "bylines", "lead_image", "language")
TEXT_FIELDS = ("headline", "dek", "slug", "body", "language")


class EditConflict(Exception):
    """Someone else saved the article after you opened it. `yours` is kept as a revision."""

    def __init__(self, *, current: dict, yours: dict, base: dict | None, saved_by: str, revision: Revision):
        self.current, self.yours, self.base, self.saved_by, self.revision = current, yours, base, saved_by, revision
        reference = base if base is not None else yours
        self.changed_fields = [field for field in FIELDS if current.get(field) != reference.get(field)]
        super().__init__(
            f"{saved_by} saved this article after you opened it (changed: {', '.join(self.changed_fields) or 'nothing visible'}). "
            f"Your version was kept as revision {revision.number}; compare and merge, then save again."
        )


class WorkflowError(ValidationError):
    """An action that does not fit the article's state (publishing a withdrawn story's update, ...)."""


# Snapshots ---------------------------------------------------------------------------------------

def snapshot(article: Article) -> dict:
    """The article's editable content as plain data (ids for related objects)."""
    return {
        "headline": article.headline,
        "dek": article.dek,
        "slug": article.slug,
        "body": article.body,
        "section": article.section_id,
        "tags": sorted(article.tags.values_list("pk", flat=True)),
        "bylines": [[line.author_id, line.credit] for line in article.bylines.order_by("position", "pk")],
        "lead_image": article.lead_image_id,
        "language": article.language,
    }


def pending_update(article: Article) -> Revision | None:
    """The unpublished update of a published article, if one is being worked on."""
    return article.revisions.filter(is_applied=False).order_by("-number").first()


def working_copy(article: Article) -> dict:
    """What an editor opening the article edits: its pending update, or the article itself."""
    pending = pending_update(article)
    return dict(pending.data) if pending else snapshot(article)


def _apply(article: Article, data: dict, *, at: datetime | None = None) -> Article:
    """Write a snapshot to the article itself (readers see it if the article is public)."""
    for field in TEXT_FIELDS:
        setattr(article, field, data[field])
    article.section = Section.objects.get(pk=data["section"])
    article.lead_image = Image.objects.filter(pk=data["lead_image"]).first() if data["lead_image"] else None
    services.save_article(article, at=at)
    now = snapshot(article)
    if sorted(data["tags"]) != now["tags"]:
        services.set_tags(article, Tag.objects.filter(pk__in=data["tags"]))
    if [list(line) for line in data["bylines"]] != now["bylines"]:
        authors = Author.objects.in_bulk([author_id for author_id, _ in data["bylines"]])
        services.set_bylines(article, [(authors[a], credit) for a, credit in data["bylines"] if a in authors])
    return article


def _revision(article: Article, user, data: dict, *, kind: str, base_version: int, version: int | None, applied: bool = True) -> Revision:
    number = (article.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Revision.objects.create(
        article=article, number=number, kind=kind, headline=data["headline"][:200], data=data,
        base_version=base_version, version=version, is_applied=applied, created_by=user if _is_user(user) else None,
    )


def _event(article: Article, user, action: str, *, before: str = "", note: str = "", at: datetime | None = None) -> Event:
    return Event.objects.create(
        article=article, action=action, from_status=before, to_status=article.status,
        user=user if _is_user(user) else None, at=at or timezone.now(), note=note[:500], headline=article.headline[:200],
    )


def _is_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def unique_slug(headline: str, *, exclude: int | None = None) -> str:
    base = slugify(headline, allow_unicode=True)[:100].strip("-") or "article"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# Writing -----------------------------------------------------------------------------------------

@transaction.atomic
def create_article(user, *, headline: str, body: str, section: Section, dek: str = "", slug: str | None = None,
                   tags=(), bylines=None, lead_image: Image | None = None, language: str = "") -> Article:
    """Start a draft. The byline defaults to the writer's own author profile."""
    require(user, Action.CREATE)
    article = Article(
        headline=headline, dek=dek, slug=slug or unique_slug(headline), body=body, section=section,
        lead_image=lead_image, language=language, status=Status.DRAFT, created_by=user,
    )
    services.save_article(article)
    services.set_tags(article, tags)
    if bylines is None:
        own = Author.objects.filter(user=user).first()
        bylines = [(own, "")] if own else []
    services.set_bylines(article, bylines)
    _revision(article, user, snapshot(article), kind=Revision.Kind.SAVED, base_version=0, version=article.version)
    _event(article, user, Event.Action.CREATE)
    return article


def save_edit(article: Article, user, changes: dict, *, base_version: int, kind: str = Revision.Kind.SAVED) -> Article:
    """Save an edit made from `base_version` of the article.

    If someone saved since, nothing is applied: the edit is kept as a conflict revision and
    EditConflict says what the other person changed. On a published article the edit becomes (or
    replaces) its pending update; readers see it only when it is published.
    """
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if not isinstance(base_version, int) or base_version < 0:
        raise ValidationError({"base_version": "The version you started from must be a whole number from 0."})
    require(user, Action.EDIT, article)
    conflict = record_conflict(article, user, changes, base_version=base_version)
    if conflict is not None:
        raise conflict
    with transaction.atomic():
        live = _locked(article)
        current = working_copy(live)
        if live.version != base_version:  # saved by someone else in the last instant
            raise record_conflict(article, user, changes, base_version=base_version) or WorkflowError("Try again.")
        return _save(live, user, current, {**current, **changes}, base_version=base_version, kind=kind)


def record_conflict(article: Article, user, changes: dict, *, base_version: int) -> EditConflict | None:
    """If the article was saved since `base_version`, keep `changes` as a conflict revision (so
    nothing is lost) and return the conflict to show; otherwise None."""
    with transaction.atomic():
        live = _locked(article)
        if live.version == base_version:
            return None
        current = working_copy(live)
        proposed = {**current, **changes}
        base = Revision.objects.filter(article=live, version=base_version).values_list("data", flat=True).first()
        last = live.revisions.exclude(version=None).order_by("-number").select_related("created_by").first()
        saved_by = last.created_by.get_username() if last and last.created_by else "Someone"
        revision = _revision(live, user, proposed, kind=Revision.Kind.CONFLICT, base_version=base_version, version=None)
        _event(live, user, Event.Action.CONFLICT, before=live.status, note=f"kept as revision {revision.number}")
    return EditConflict(current=current, yours=proposed, base=base, saved_by=saved_by, revision=revision)


def _save(article: Article, user, current: dict, proposed: dict, *, base_version: int, kind: str) -> Article:
    if proposed == current and kind == Revision.Kind.SAVED:
        return article
    _check(proposed, article)
    version = base_version + 1
    if article.status == Status.PUBLISHED:
        Article.objects.filter(pk=article.pk).update(version=version)
        article.version = version
        pending_kind = Revision.Kind.PENDING if kind == Revision.Kind.SAVED else kind
        _revision(article, user, proposed, kind=pending_kind, base_version=base_version, version=version, applied=False)
        note = "kept as the pending update; readers see it when it is published"
    else:
        article.version = version
        _apply(article, proposed)
        _revision(article, user, proposed, kind=kind, base_version=base_version, version=version)
        note = ""
    _event(article, user, Event.Action.RESTORE if kind == Revision.Kind.RESTORED else Event.Action.SAVE, before=article.status, note=note)
    return article


def _check(data: dict, article: Article) -> None:
    """Validate a snapshot as the article's own fields would be (the pending update of a live article
    is checked now, not when it is published)."""
    candidate = Article(pk=article.pk, status=Status.DRAFT, **{f: data[f] for f in TEXT_FIELDS}, section_id=data["section"])
    candidate._state.adding = False
    candidate.full_clean(exclude=["authors", "tags", "section", "lead_image", "created_by"])
    if not Section.objects.filter(pk=data["section"]).exists():
        raise ValidationError({"section": "Choose a section."})


# State changes -----------------------------------------------------------------------------------

@transaction.atomic
def submit_for_review(article: Article, user) -> Article:
    require(user, Action.SUBMIT, article)
    article = _locked(article)
    if article.status != Status.DRAFT:
        raise WorkflowError(f"Only a draft can be submitted for review; this article is {article.get_status_display().lower()}.")
    return _move(article, user, Status.REVIEW, Event.Action.SUBMIT)


@transaction.atomic
def return_to_draft(article: Article, user, note: str = "") -> Article:
    """Send a story in review (or a scheduled one) back to its writer."""
    require(user, Action.EDIT, article)
    article = _locked(article)
    if article.status not in (Status.REVIEW, Status.SCHEDULED):
        raise WorkflowError("Only an article in review or scheduled can go back to draft.")
    action = Event.Action.UNSCHEDULE if article.status == Status.SCHEDULED else Event.Action.RETURN
    if article.status == Status.SCHEDULED:
        article.published_at = None
    return _move(article, user, Status.DRAFT, action, note=note)


@transaction.atomic
def publish(article: Article, user, *, at: datetime | None = None) -> Article:
    """Publish now; for a published article, publish its pending update."""
    require(user, Action.PUBLISH, article)
    article = _locked(article)
    now = at or timezone.now()
    if article.status == Status.PUBLISHED:
        pending = pending_update(article)
        if pending is None:
            raise WorkflowError("This article is already published and has no pending update.")
        _apply(article, pending.data, at=now)
        article.revisions.filter(is_applied=False).update(is_applied=True)
        _event(article, user, Event.Action.UPDATE, before=Status.PUBLISHED, at=now)
        return article
    pending = pending_update(article)
    if pending is not None:  # a withdrawn story edited before it is republished
        _apply(article, pending.data, at=now)
        article.revisions.filter(is_applied=False).update(is_applied=True)
    before = article.status
    article.status = Status.PUBLISHED
    if before != Status.WITHDRAWN or article.published_at is None:
        article.published_at = now
    services.save_article(article, at=now)
    _event(article, user, Event.Action.PUBLISH, before=before, at=now)
    return article


@transaction.atomic
def schedule(article: Article, user, at: datetime) -> Article:
    """Publish the article at `at`, by the background worker (tasks.publish_due_task)."""
    from newsdesk.newsroom.tasks import publish_when_due

    require(user, Action.SCHEDULE, article)
    article = _locked(article)
    if article.status in (Status.PUBLISHED, Status.WITHDRAWN):
        raise WorkflowError("A published or withdrawn article cannot be scheduled.")
    if at <= timezone.now():
        raise WorkflowError("Choose a publication time in the future (or publish now).")
    article.published_at = at
    article = _move(article, user, Status.SCHEDULED, Event.Action.SCHEDULE, note=f"for {at.isoformat(timespec='minutes')}")
    transaction.on_commit(lambda: publish_when_due(article.pk, at))
    return article


def publish_due(*, now: datetime | None = None) -> list[Article]:
    """Publish every scheduled article whose time has come, each once (the row lock and the state
    check make a second worker, or a second run, skip it)."""
    now = now or timezone.now()
    published = []
    due = Article.objects.filter(status=Status.SCHEDULED, published_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            article = Article.objects.select_for_update().filter(pk=pk, status=Status.SCHEDULED).first()
            if article is None:
                continue
            article.status = Status.PUBLISHED
            services.save_article(article, at=now)
            _event(article, None, Event.Action.PUBLISH, before=Status.SCHEDULED, note="at its scheduled time", at=now)
            published.append(article)
    return published


@transaction.atomic
def withdraw(article: Article, user, reason: str = "") -> Article:
    """Take a published article off the site: its address answers 410 Gone."""
    require(user, Action.WITHDRAW, article)
    article = _locked(article)
    if article.status != Status.PUBLISHED:
        raise WorkflowError("Only a published article can be withdrawn.")
    return _move(article, user, Status.WITHDRAWN, Event.Action.WITHDRAW, note=reason)


def _move(article: Article, user, status: str, action: str, *, note: str = "") -> Article:
    before = article.status
    article.status = status
    services.save_article(article)
    _event(article, user, action, before=before, note=note)
    return article


def restore_revision(article: Article, revision: Revision, user) -> Article:
    """Make an earlier revision the working copy again (on a published article: its pending update)."""
    if revision.article_id != article.pk:
        raise WorkflowError("That revision belongs to another article.")
    data = {field: revision.data[field] for field in FIELDS if field in revision.data}
    if data.get("section") and not Section.objects.filter(pk=data["section"]).exists():
        raise WorkflowError("That revision's section no longer exists; choose a section and save instead.")
    article.refresh_from_db(fields=["version"])
    return save_edit(article, user, data, base_version=article.version, kind=Revision.Kind.RESTORED)


@transaction.atomic
def add_correction(article: Article, user, *, kind: str, text: str, at: datetime | None = None) -> Correction:
    """Attach a correction or update note; readers see it on the article and on /corrections/, and the
    article's "Updated" time moves to now."""
    require(user, Action.CORRECT, article)
    article = _locked(article)
    if not article.is_public:
        raise WorkflowError("Corrections go on published articles only.")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write what was corrected."})
    now = at or timezone.now()
    correction = Correction(article=article, kind=kind, text=text, created_at=now, created_by=user)
    correction.full_clean(exclude=["article", "created_by"])
    correction.save()
    article.updated_at = now
    services.save_article(article, at=now)
    services.announce_content_change(correction)
    _event(article, user, Event.Action.CORRECT, before=article.status, note=f"{correction.get_kind_display()}: {text}", at=now)
    return correction
