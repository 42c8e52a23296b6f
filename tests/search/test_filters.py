"""Narrowing a search by section, author and days of publication (in the publication's time zone)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from newsdesk.search.queries import search_articles
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def found(text, **options):
    return sorted(result.article.headline for result in search_articles(text, **options).results)


def test_section_filter(publish):
    world = SectionFactory(slug="world", name="World")
    publish(headline="Flood in the north", section=world)
    publish(headline="Flood insurance costs", section=SectionFactory(slug="business", name="Business"))

    assert found("flood", section=world) == ["Flood in the north"]


def test_author_filter(publish):
    writer = AuthorFactory(name="Amal Haddad")
    publish(headline="Flood in the north", authors=[writer, AuthorFactory()])
    publish(headline="Flood insurance costs")

    assert found("flood", author=writer) == ["Flood in the north"]


def test_date_range_includes_both_days_in_the_publications_time_zone(publish, publication):
    publication.time_zone = "Asia/Tokyo"
    publication.save()
    tokyo = ZoneInfo("Asia/Tokyo")
    publish(headline="Flood on the first", published_at=datetime(2026, 3, 1, 0, 30, tzinfo=tokyo))
    publish(headline="Flood on the second", published_at=datetime(2026, 3, 2, 23, 30, tzinfo=tokyo))
    publish(headline="Flood the day before", published_at=datetime(2026, 2, 28, 23, 30, tzinfo=tokyo))
    publish(headline="Flood the day after", published_at=datetime(2026, 3, 3, 0, 30, tzinfo=tokyo))

    assert found("flood", published_from=date(2026, 3, 1), published_until=date(2026, 3, 2)) == [
        "Flood on the first",
        "Flood on the second",
    ]


def test_open_ended_date_range(publish):
    now = timezone.now()
    publish(headline="Flood long ago", published_at=now - timedelta(days=400))
    publish(headline="Flood this week", published_at=now - timedelta(days=2))

    assert found("flood", published_from=(now - timedelta(days=30)).date()) == ["Flood this week"]


def test_filters_in_the_page_address(client, publish):
    world = SectionFactory(slug="world", name="World")
    publish(headline="Flood in the north", section=world)
    publish(headline="Flood insurance costs")

    response = client.get("/search/", {"q": "flood", "section": "world"})

    assert b"Flood in the north" in response.content
    assert b"Flood insurance costs" not in response.content


def test_an_unknown_section_is_a_clear_400(client, publish):
    response = client.get("/search/", {"q": "flood", "section": "nowhere"})

    assert response.status_code == 400
    assert b"There is no such section" in response.content


def test_a_malformed_date_is_a_clear_400(client):
    response = client.get("/search/", {"q": "flood", "published_from": "yesterday"})

    assert response.status_code == 400
    assert b"Enter the first day as a date" in response.content


def test_a_reversed_date_range_is_a_clear_400(client):
    response = client.get("/search/", {"q": "flood", "published_from": "2026-03-05", "published_until": "2026-03-01"})

    assert response.status_code == 400
    assert b"The last day comes before the first" in response.content

