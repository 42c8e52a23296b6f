"""Importing the fixture Ghost export."""

import pytest

from newsdesk.content.models import Article, Page
from newsdesk.importers.services import import_ghost
from tests.importers.conftest import GHOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghost_site(db):
    return import_ghost(GHOST)


def test_the_fixture_export_imports_with_the_expected_counts(ghost_site):
    assert ghost_site.counts["posts"] == {"imported": 5, "updated": 0, "skipped": 1}
    assert ghost_site.counts["pages"]["imported"] == 1
    assert ghost_site.counts["authors"]["imported"] == 2
    assert ghost_site.counts["tags"]["imported"] == 2  # the internal #tag is left out


def test_importing_the_same_export_again_updates_and_never_duplicates(ghost_site):
    again = import_ghost(GHOST)

    assert again.counts["posts"] == {"imported": 0, "updated": 5, "skipped": 1}
    assert Article.objects.count() == 5 and Page.objects.count() == 1


def test_html_posts_become_markdown_with_their_excerpt_and_dates(ghost_site):
    article = Article.objects.get(slug="tide-tables-online")

    assert "**tide tables**" in article.body
    assert "<table>" in article.body
    assert "![Tide gauge](__GHOST_URL__/content/images/2024/03/tide.jpg)" in article.body
    assert article.dek == "Printed tables end in April."
    assert article.published_at.isoformat() == "2024-03-10T10:00:00+00:00"


def test_lexical_posts_are_rendered_and_unknown_cards_reported(ghost_site):
    article = Article.objects.get(slug="night-fishing-ban-lifted")

    assert article.body.startswith("The ban ends on **Monday**.\n\n## Who it affects")
    assert any("signup" in line for line in ghost_site.notes)


def test_mobiledoc_posts_are_rendered(ghost_site):
    body = Article.objects.get(slug="old-pier-history").body

    assert "Built in *1887*, see [the archive](https://archive.example/pier)." in body
    assert "---" in body and "- Stone\n- Timber" in body


def test_authors_keep_their_order_and_tags_their_order(ghost_site):
    article = Article.objects.get(slug="night-fishing-ban-lifted")

    assert [b.author.name for b in article.bylines.all()] == ["Rory Kerr", "Isla Grant"]
    assert set(article.tags.values_list("slug", flat=True)) == {"harbour", "fishing"}


def test_members_only_posts_are_not_published(ghost_site):
    assert Article.objects.get(slug="harbour-board-accounts").status == Article.Status.DRAFT
    assert any("paid" in line for line in ghost_site.notes)


def test_scheduled_posts_keep_their_time(ghost_site):
    article = Article.objects.get(slug="regatta-preview")

    assert article.status == Article.Status.SCHEDULED
    assert article.published_at.isoformat() == "2030-07-01T09:00:00+00:00"


def test_newsletter_only_posts_are_skipped_with_the_reason(ghost_site):
    assert any("March roundup" in line and "newsletter" in line for line in ghost_site.skips)


def test_the_old_ghost_address_answers_301(ghost_site, client):
    response = client.get("/tide-tables-online/")

    assert response.status_code == 301
    assert response["Location"] == "/2024/03/10/tide-tables-online/"
