"""Named reads of the stories app, shared by its views, template tags, feeds and the live stream."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from newsdesk.content.models import Article
from newsdesk.content.queries import public_articles
from newsdesk.stories.models import LiveCoverage, LiveEvent, LiveUpdate, Person, Story, StoryArticle

PART_OF_TIMELINE = 3


def story_articles(story: Story):
    """The story's published articles, newest first."""
    return public_articles().filter(story_links__story=story)


def navigation_stories() -> list[Story]:
    """Developing stories in the site's navigation."""
    return list(Story.objects.in_navigation())


def current_coverage(story: Story) -> LiveCoverage | None:
    """The story's live page readers should follow: the one still live, else the latest."""
    coverages = list(story.live_coverage.all())
    live = [c for c in coverages if c.is_live]
    return max(live or coverages, key=lambda c: c.started_at, default=None)


def people_by_group(story: Story) -> list[tuple[str, list[Person]]]:
    """Who's who, grouped under their headings in the editor's order of first appearance."""
    people = list(story.people.select_related("tag", "author"))
    order = {}
    for person in people:
        order.setdefault(person.group, len(order))
    people.sort(key=lambda p: (order[p.group], p.position, p.pk))
    return [(group, list(members)) for group, members in groupby(people, key=lambda p: p.group)]


@dataclass
class PartOf:
    """What an article shows of the story it belongs to."""

    story: Story
    timeline: list = field(default_factory=list)
    previous: Article | None = None
    next: Article | None = None
    coverage: LiveCoverage | None = None


def part_of(article: Article) -> PartOf | None:
    """The story an article is an instalment of, its latest timeline entries, and the instalments either side."""
    link = StoryArticle.objects.filter(article=article).select_related("story").first()
    if link is None:
        return None
    story = link.story
    timeline = list(story.timeline.select_related("article").order_by("-happened_on", "-pk")[:PART_OF_TIMELINE])
    instalments = story_articles(story)
    previous = (
        instalments.filter(published_at__lt=article.published_at).first()
        or instalments.filter(published_at=article.published_at, pk__lt=article.pk).first()
    )
    following = instalments.filter(published_at__gt=article.published_at).order_by("published_at", "pk").first() or (
        instalments.filter(published_at=article.published_at, pk__gt=article.pk).order_by("pk").first()
    )
    return PartOf(story, timeline, previous, following, current_coverage(story))


def live_updates(coverage: LiveCoverage) -> list[LiveUpdate]:
    return list(coverage.updates.shown())


def last_event_id(coverage: LiveCoverage) -> int:
    """The id of the latest event: a page baked now shows everything up to it."""
    return LiveEvent.objects.filter(coverage=coverage).order_by("-pk").values_list("pk", flat=True).first() or 0


def events_after(coverage_id: int, after: int, *, limit: int = 500) -> list[LiveEvent]:
    """What a reader who saw everything up to event `after` has missed, oldest first."""
    return list(LiveEvent.objects.filter(coverage_id=coverage_id, pk__gt=after).order_by("pk")[:limit])
