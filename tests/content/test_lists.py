"""List pages (front page, latest, section, tag, author): their cost must not grow with what they show."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["front", "latest", "section", "tag", "author"])
def test_list_pages_read_the_same_number_of_queries_for_two_stories_or_twelve(client, kind):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    url = {"front": "/", "latest": "/latest/", "section": section.get_absolute_url(),
           "tag": tag.get_absolute_url(), "author": author.get_absolute_url()}[kind]  # fmt: skip

    def publish(count: int) -> None:
        for n in range(count):
            article = ArticleFactory(section=section, authors=[author], published_at=timezone.now() - timedelta(hours=n + 1))
            article.tags.add(tag)

    publish(2)
    client.get(url)  # the site's chrome (navigation, settings) is read once and remembered
    few = _queries(client, url)
    publish(10)

    assert _queries(client, url) == few


@pytest.mark.parametrize("kind", ["latest", "section", "tag", "author"])
def test_each_page_of_a_list_shows_the_next_stories_newest_first_without_gaps_or_repeats(client, settings, kind):
    settings.NEWSDESK_PAGE_SIZE = 3
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    base = {"latest": "/latest/", "section": section.get_absolute_url(), "tag": tag.get_absolute_url(),
            "author": author.get_absolute_url()}[kind]  # fmt: skip
    stories = []
    for n in range(8):  # the same minute for some: ties come out by the newer id first
        article = ArticleFactory(section=section, authors=[author], headline=f"Story number {n:02d}",
                                 published_at=timezone.now() - timedelta(hours=n // 2))  # fmt: skip
        article.tags.add(tag)
        stories.append(article)
    expected = sorted(stories, key=lambda a: (a.published_at, a.pk), reverse=True)

    shown = []
    for number in (1, 2, 3):
        html = client.get(base if number == 1 else f"{base}page/{number}/").content.decode()
        shown += sorted((html.index(a.headline), a.pk) for a in stories if a.headline in html)

    assert [pk for _, pk in shown] == [a.pk for a in expected]
