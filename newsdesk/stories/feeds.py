"""A story's RSS, Atom and JSON Feed: the distribution app's feeds, over the story's articles."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from newsdesk.content.markdown import html_to_text
from newsdesk.content.models import Publication
from newsdesk.distribution.feeds import ArticleAtomFeed, ArticleFeed, json_feed
from newsdesk.distribution.scopes import FeedScope
from newsdesk.stories.queries import story_articles


def story_scope(story) -> FeedScope:
    """The feeds of a story live at /feeds/story/<slug>/ and list its published articles, newest first."""
    name = Publication.objects.current().name
    return FeedScope(
        kind="story",
        slug=story.slug,
        title=f"{story.title} – {name}",
        description=html_to_text(story.summary_html)[:300] or f"Every instalment of {story.title} from {name}",
        page_path=story.get_absolute_url(),
        articles=story_articles(story),
    )


def find_story_scope(slug: str) -> FeedScope:
    from newsdesk.stories.models import Story

    return story_scope(get_object_or_404(Story, slug=slug))


class StoryRssFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> FeedScope:
        return find_story_scope(slug)


class StoryAtomFeed(ArticleAtomFeed):
    def get_object(self, request, slug: str) -> FeedScope:
        return find_story_scope(slug)


def story_json_feed(request, slug: str) -> HttpResponse:
    document = json_feed(find_story_scope(slug))
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/feed+json; charset=utf-8")
