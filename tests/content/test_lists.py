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
