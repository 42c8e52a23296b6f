"""How publishing hears about changes to stories and live pages: the pages affected are queued for baking."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver

from newsdesk.stories import baking
from newsdesk.stories.signals import coverage_changed, story_changed

# Same order as publishing.targets: the page that changed first, then its neighbours.
PRIORITY_OWN, PRIORITY_STORY, PRIORITY_ARTICLES = 0, 1, 3


@receiver(story_changed, dispatch_uid="stories.story_changed")
def rebake_for_story(sender, story_id: int, article_ids, paths, navigation_changed: bool, **kwargs) -> None:
    queue_story(story_id, article_ids=article_ids, paths=paths, navigation_changed=navigation_changed)


@receiver(coverage_changed, dispatch_uid="stories.coverage_changed")
def rebake_for_coverage(sender, coverage_id: int, **kwargs) -> None:
    queue_coverage(coverage_id)


@transaction.atomic
def queue_story(story_id: int, *, article_ids, paths, navigation_changed: bool) -> dict[str, int]:
    from newsdesk.publishing.baker import request_bake
    from newsdesk.publishing.models import BakedPage
    from newsdesk.stories.models import Story

    queued: dict[str, int] = {}
    if navigation_changed:
        # The navigation is on every page.
        queued = dict.fromkeys(BakedPage.objects.values_list("path", flat=True), PRIORITY_ARTICLES)
    story = Story.objects.filter(pk=story_id).first()
    queued.update(dict.fromkeys(baking.article_paths(article_ids), PRIORITY_ARTICLES))
    queued[baking.index_path()] = PRIORITY_STORY
    if story is not None:
        queued.update(dict.fromkeys(baking.story_paths(story), PRIORITY_OWN))
        queued.update(dict.fromkeys((c.get_absolute_url() for c in story.live_coverage.all()), PRIORITY_STORY))
    queued.update(dict.fromkeys(paths, PRIORITY_OWN))  # its old addresses: re-baked away when gone
    request_bake(queued)
    return queued


@transaction.atomic
def queue_coverage(coverage_id: int) -> dict[str, int]:
    from newsdesk.publishing.baker import request_bake
    from newsdesk.stories.models import LiveCoverage

    coverage = LiveCoverage.objects.select_related("story").filter(pk=coverage_id).first()
    if coverage is None:
        return {}
    queued = {coverage.get_absolute_url(): PRIORITY_OWN, baking.index_path(): PRIORITY_ARTICLES}
    if coverage.story is not None:
        queued[coverage.story.get_absolute_url()] = PRIORITY_STORY
        article_ids = coverage.story.story_articles.values_list("article_id", flat=True)
        queued.update(dict.fromkeys(baking.article_paths(article_ids), PRIORITY_ARTICLES))
    request_bake(queued)
    return queued
