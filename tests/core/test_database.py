"""SQLite's planner statistics: without them it picks slow plans for the site's commonest reads."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from newsdesk.content.queries import public_articles
from newsdesk.core import schedule
from newsdesk.core.database import refresh_statistics
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its own statistics")


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@on_sqlite
def test_with_refreshed_statistics_a_few_stories_are_fetched_by_id_not_by_walking_every_published_story():
    stories = [ArticleFactory(published_at=timezone.now() - timedelta(hours=n + 1)) for n in range(40)]
    wanted = public_articles().filter(pk__in=[stories[3].pk, stories[17].pk])

    refresh_statistics()

    assert "SEARCH content_article USING INTEGER PRIMARY KEY" in _plan(wanted), _plan(wanted)
    assert [a.pk for a in wanted] == [stories[3].pk, stories[17].pk]


def test_the_statistics_are_refreshed_every_hour_on_sqlite_and_left_to_postgresql_elsewhere():
    names = {job.name: job.every for job in schedule.jobs()}

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        assert names["core.refresh-database-statistics"] == timedelta(hours=1)
    else:
        assert "core.refresh-database-statistics" not in names
        assert refresh_statistics() is False
