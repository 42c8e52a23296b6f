"""What the publishing app bakes for stories: the stories index, each story's page and feeds, each live page.

Paths only, as distribution/baking.py gives them (declared on StoriesConfig): publishing.targets asks
here for a full bake and for a change to an article; stories.receivers for a change to a story or a
live page.
"""

from __future__ import annotations

from django.urls import reverse

from newsdesk.content.models import Article

INDEX_NAME = "stories:index"


def feed_paths(story) -> list[str]:
    from newsdesk.stories.feeds import story_scope

    return story_scope(story).feed_paths()


def story_paths(story) -> list[str]:
    """The story's page and its RSS, Atom and JSON feeds."""
    return [story.get_absolute_url(), *feed_paths(story)]


def index_path() -> str:
    return reverse(INDEX_NAME)


def all_paths() -> list[str]:
    """Every page of the stories app: the index, each story's page and feeds, each live page."""
    from newsdesk.stories.models import LiveCoverage, Story

    paths = [index_path()]
    for story in Story.objects.all():
        paths += story_paths(story)
    paths += [coverage.get_absolute_url() for coverage in LiveCoverage.objects.all()]
    return paths


def article_paths(article_ids) -> list[str]:
    """The pages of these articles that readers can see."""
    return [article.get_absolute_url() for article in Article.objects.published().filter(pk__in=list(article_ids))]


def paths_for_article(article: Article) -> list[str]:
    """Pages to re-bake when an article changes: when it joins, leaves or moves within its story's list
    (published, withdrawn, re-dated), the story's page and feeds and its other instalments (their
    previous/next links). Edits in place are found by the baker from what each page showed."""
    from newsdesk.stories.models import StoryArticle

    paths: list[str] = []
    for link in StoryArticle.objects.filter(article=article).select_related("story"):
        paths += story_paths(link.story)
        siblings = link.story.story_articles.exclude(article=article).values_list("article_id", flat=True)
        paths += article_paths(siblings)
    return paths
