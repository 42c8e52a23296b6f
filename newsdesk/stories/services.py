"""Every write to stories and live coverage goes through these functions: admin, demo loader and tests alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from newsdesk.content.chrome import forget_site_chrome
from newsdesk.content.models import Article, Author, Publication
from newsdesk.media.models import Image
from newsdesk.stories import baking, broadcast
from newsdesk.stories.models import LiveCoverage, LiveEvent, LiveUpdate, Story, StoryArticle
from newsdesk.stories.signals import coverage_changed, story_changed


_UNCHANGED = object()


class LiveCoverageEnded(ValidationError):
    """Updates cannot be posted or changed once the coverage has ended."""


# Stories ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StorySnapshot:
    """What readers could see of a story before a change: its place in the navigation, its articles, its pages."""

    navigation: tuple | None
    article_ids: frozenset[int]
    paths: tuple[str, ...]


def snapshot(story_pk: int | None) -> StorySnapshot | None:
    """The story as it stands in the database now (None for a story not saved yet)."""
    story = Story.objects.filter(pk=story_pk).first() if story_pk else None
    if story is None:
        return None
    navigation = None
    if story.is_developing and story.in_navigation:
        navigation = (story.slug, story.title, story.navigation_position)
    article_ids = frozenset(story.story_articles.values_list("article_id", flat=True))
    return StorySnapshot(navigation, article_ids, tuple(baking.story_paths(story)))


@transaction.atomic
def save_story(story: Story) -> Story:
    """Validate and save a story (its facts, people and timeline are saved with it by the caller)."""
    before = snapshot(story.pk)
    story.full_clean()
    story.save()
    announce_story_change(story, before=before)
    return story


@transaction.atomic
def set_story_articles(story: Story, articles: Iterable[Article]) -> None:
    """Make exactly these articles the story's instalments (an article leaves any other story it was in)."""
    before = snapshot(story.pk)
    articles = list(articles)
    for link in StoryArticle.objects.filter(article__in=articles).exclude(story=story).select_related("story"):
        other = link.story
        other_before = snapshot(other.pk)
        link.delete()
        announce_story_change(other, before=other_before)
    StoryArticle.objects.filter(story=story).exclude(article__in=articles).delete()
    existing = set(StoryArticle.objects.filter(story=story).values_list("article_id", flat=True))
    StoryArticle.objects.bulk_create(StoryArticle(story=story, article=a) for a in articles if a.pk not in existing)
    announce_story_change(story, before=before)


def announce_story_change(story: Story, *, before: StorySnapshot | None, deleted: bool = False) -> None:
    """Once committed, tell publishing which pages show this story (and showed it before the change)."""
    after = None if deleted else snapshot(story.pk)
    article_ids = (before.article_ids if before else frozenset()) | (after.article_ids if after else frozenset())
    old_navigation = before.navigation if before else None
    new_navigation = after.navigation if after else None
    navigation_changed = old_navigation != new_navigation
    if navigation_changed:
        forget_site_chrome()
        transaction.on_commit(forget_site_chrome)
    paths = set(before.paths if before else ()) | set(after.paths if after else ())
    story_id = story.pk
    transaction.on_commit(
        lambda: story_changed.send(
            sender=Story,
            story_id=story_id,
            article_ids=sorted(article_ids),
            paths=sorted(paths),
            navigation_changed=navigation_changed,
        )
    )


@transaction.atomic
def delete_story(story: Story) -> None:
    """Delete a story: its pages go, its articles lose their "Part of" box, its live pages stay on their own."""
    before = snapshot(story.pk)
    story_id = story.pk
    story.delete()
    story.pk = story_id
    announce_story_change(story, before=before, deleted=True)


# Live coverage ---------------------------------------------------------------------------------


@transaction.atomic
def start_coverage(
    *, title: str, slug: str, story: Story | None = None, summary: str = "", at: datetime | None = None
) -> LiveCoverage:
    """Open a live page (for a story, or on its own)."""
    coverage = LiveCoverage(title=title, slug=slug, story=story, summary=summary, started_at=at or timezone.now())
    coverage.full_clean()
    coverage.save()
    announce_coverage_change(coverage)
    return coverage


@transaction.atomic
def save_coverage(coverage: LiveCoverage) -> LiveCoverage:
    """Save an edit to a live page's title, summary or story."""
    coverage.full_clean()
    coverage.save()
    announce_coverage_change(coverage)
    return coverage


def _require_live(coverage: LiveCoverage) -> None:
    if not coverage.is_live:
        raise LiveCoverageEnded(f"The live coverage “{coverage.title}” has ended; its updates can no longer change.")


def _locked(coverage: LiveCoverage) -> LiveCoverage:
    """The coverage row, locked for this transaction: two editors pinning at once queue, never both win."""
    return LiveCoverage.objects.select_for_update().get(pk=coverage.pk)


@transaction.atomic
def post_update(
    coverage: LiveCoverage,
    *,
    body: str,
    author: Author | None = None,
    image: Image | None = None,
    pinned: bool = False,
    by: AbstractBaseUser | None = None,
    at: datetime | None = None,
) -> LiveUpdate:
    """Post an update to a live page; readers with the page open get it within seconds."""
    coverage = _locked(coverage)
    _require_live(coverage)
    if not body.strip():
        raise ValidationError({"body": "An update needs some text."})
    update = LiveUpdate(
        coverage=coverage, body=body, author=author, image=image, posted_at=at or timezone.now(), posted_by=by
    )
    update.full_clean(exclude=["is_pinned"])
    update.save()
    _record(coverage, LiveEvent.Kind.POSTED, update)
    if pinned:
        _pin(coverage, update)
    announce_coverage_change(coverage)
    return update


@transaction.atomic
def correct_update(
    update: LiveUpdate, *, body: str, note: str, image: Image | None | object = _UNCHANGED, at: datetime | None = None
) -> LiveUpdate:
    """Change what an update says; readers see that it was corrected, when, why and what it said before."""
    coverage = _locked(update.coverage)
    _require_live(coverage)
    update = LiveUpdate.objects.select_related("coverage").get(pk=update.pk)
    if update.is_removed:
        raise ValidationError("A removed update cannot be corrected.")
    if not note.strip():
        raise ValidationError({"correction_note": "Tell readers what was corrected."})
    if not body.strip():
        raise ValidationError({"body": "An update needs some text."})
    update.previous_body_html = update.body_html
    update.body = body
    if image is not _UNCHANGED:
        update.image = image
    update.correction_note = note.strip()
    update.corrected_at = at or timezone.now()
    update.full_clean(exclude=["is_pinned"])
    update.save()
    _record(coverage, LiveEvent.Kind.CHANGED, update)
    announce_coverage_change(coverage)
    return update


@transaction.atomic
def remove_update(update: LiveUpdate, *, note: str, at: datetime | None = None) -> LiveUpdate:
    """Take an update down; a notice with the reason stays in its place."""
    coverage = _locked(update.coverage)
    _require_live(coverage)
    update = LiveUpdate.objects.select_related("coverage").get(pk=update.pk)
    if not note.strip():
        raise ValidationError({"removal_note": "Tell readers why the update was removed."})
    update.removed_at = at or timezone.now()
    update.removal_note = note.strip()
    update.is_pinned = False
    update.save(update_fields=["removed_at", "removal_note", "is_pinned"])
    _record(coverage, LiveEvent.Kind.CHANGED, update)
    announce_coverage_change(coverage)
    return update


@transaction.atomic
def pin_update(update: LiveUpdate) -> LiveUpdate:
    """Make this the key update shown at the top of the page (the one pinned before is unpinned)."""
    coverage = _locked(update.coverage)
    _require_live(coverage)
    update = LiveUpdate.objects.get(pk=update.pk)
    if update.is_removed:
        raise ValidationError("A removed update cannot be pinned.")
    _pin(coverage, update)
    announce_coverage_change(coverage)
    return update


@transaction.atomic
def unpin_update(update: LiveUpdate) -> LiveUpdate:
    coverage = _locked(update.coverage)
    _require_live(coverage)
    LiveUpdate.objects.filter(pk=update.pk).update(is_pinned=False)
    update.refresh_from_db()
    _record(coverage, LiveEvent.Kind.CHANGED, update)
    announce_coverage_change(coverage)
    return update


def _pin(coverage: LiveCoverage, update: LiveUpdate) -> None:
    for previous in coverage.updates.filter(is_pinned=True).exclude(pk=update.pk):
        previous.is_pinned = False
        previous.save(update_fields=["is_pinned"])
        _record(coverage, LiveEvent.Kind.CHANGED, previous)
    update.is_pinned = True
    update.save(update_fields=["is_pinned"])
    _record(coverage, LiveEvent.Kind.CHANGED, update)


@transaction.atomic
def end_coverage(coverage: LiveCoverage, *, at: datetime | None = None) -> LiveCoverage:
    """End the live coverage: the page stays, says so, and takes no more updates."""
    coverage = _locked(coverage)
    _require_live(coverage)
    coverage.ended_at = at or timezone.now()
    coverage.save(update_fields=["ended_at"])
    _record(coverage, LiveEvent.Kind.ENDED, None)
    announce_coverage_change(coverage)
    return coverage


def render_update(update: LiveUpdate) -> str:
    """The update's HTML exactly as the live page shows it (times in the publication's time zone)."""
    publication = Publication.objects.current()
    with timezone.override(publication.zone):
        return render_to_string("stories/includes/live_update.html", {"update": update, "publication": publication})


def _record(coverage: LiveCoverage, kind: str, update: LiveUpdate | None) -> LiveEvent:
    """Note what readers must be told; it is broadcast once the transaction commits."""
    payload: dict = {"kind": kind}
    if update is not None:
        payload |= {"update": update.pk, "pinned": update.is_pinned and not update.is_removed, "html": render_update(update)}
    else:
        with timezone.override(Publication.objects.current().zone):
            payload["html"] = render_to_string("stories/includes/live_ended.html", {"coverage": coverage})
    event = LiveEvent.objects.create(coverage=coverage, kind=kind, payload=payload)
    transaction.on_commit(lambda: broadcast.publish(event))
    return event


def announce_coverage_change(coverage: LiveCoverage) -> None:
    """Once committed, tell publishing that the live page (and the story's pages) must be re-baked."""
    coverage_id = coverage.pk
    transaction.on_commit(lambda: coverage_changed.send(sender=LiveCoverage, coverage_id=coverage_id))
