"""The demo's developing stories (demo/content/stories/*.toml), loaded through stories.services.

Keyed by slug (stories, live pages) and posting time (updates), so loading twice changes nothing.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from newsdesk.content.models import Article, Author, Tag
from newsdesk.stories import services
from newsdesk.stories.models import KeyFact, LiveCoverage, Person, Story, TimelineEntry


@transaction.atomic
def load_demo_stories(directory: Path) -> int:
    """Create or refresh every story in `directory`; return how many there are."""
    files = sorted(directory.glob("*.toml")) if directory.is_dir() else []
    for path in files:
        _load_story(tomllib.loads(path.read_text(encoding="utf-8")))
    return len(files)


def _load_story(data: dict) -> Story:
    story = Story.objects.filter(slug=data["slug"]).first() or Story(slug=data["slug"])
    before = services.snapshot(story.pk)
    story.title = data["title"]
    story.summary = " ".join(data["summary"].split())
    story.status = data.get("status", Story.Status.DEVELOPING)
    story.in_navigation = data.get("in_navigation", True)
    story.full_clean()
    story.save()
    articles = {a.slug: a for a in Article.objects.filter(slug__in=data.get("articles", []))}
    # Details are replaced wholesale: the file is the whole truth about them.
    story.facts.all().delete()
    story.people.all().delete()
    story.timeline.all().delete()
    for position, fact in enumerate(data.get("facts", [])):
        KeyFact.objects.create(
            story=story, position=position, statement=fact["statement"],
            figure=Decimal(fact["figure"]) if "figure" in fact else None, unit=fact.get("unit", ""),
            source=fact.get("source", ""), source_url=fact.get("source_url", ""),
            as_of=date.fromisoformat(fact["as_of"]) if "as_of" in fact else None,
        )  # fmt: skip
    for position, person in enumerate(data.get("people", [])):
        Person.objects.create(
            story=story, position=position, name=person["name"], role=person["role"],
            group=person.get("group", ""), description=person.get("description", ""),
            tag=Tag.objects.filter(slug=person.get("tag", "")).first(),
            author=Author.objects.filter(slug=person.get("author", "")).first(),
        )  # fmt: skip
    for entry in data.get("timeline", []):
        TimelineEntry.objects.create(
            story=story, happened_on=date.fromisoformat(entry["date"]), text=entry["text"],
            precision=entry.get("precision", TimelineEntry.Precision.DAY), article=articles.get(entry.get("article", "")),
        )  # fmt: skip
    services.announce_story_change(story, before=before)
    services.set_story_articles(story, [articles[slug] for slug in data.get("articles", []) if slug in articles])
    if "live" in data:
        _load_live(story, data["live"])
    return story


def _load_live(story: Story, data: dict) -> LiveCoverage:
    coverage = LiveCoverage.objects.filter(slug=data["slug"]).first()
    if coverage is None:
        coverage = services.start_coverage(
            title=data["title"], slug=data["slug"], story=story, summary=data.get("summary", ""),
            at=datetime.fromisoformat(data["started"]),
        )  # fmt: skip
    for item in data.get("updates", []):
        at = datetime.fromisoformat(item["at"])
        update = coverage.updates.filter(posted_at=at).first()
        if update is None:
            update = services.post_update(
                coverage, body=item["body"].strip(), author=Author.objects.filter(slug=item.get("author", "")).first(),
                pinned=item.get("pinned", False), at=at,
            )  # fmt: skip
        if (correction := item.get("correction")) and update.corrected_at is None:
            services.correct_update(
                update, body=correction["body"].strip(), note=correction["note"],
                at=datetime.fromisoformat(correction["at"]),
            )  # fmt: skip
    return coverage
