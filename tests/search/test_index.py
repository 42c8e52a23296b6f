"""The index follows the newsroom: publish, update, withdraw; drafts and future stories never show."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.content import services
from newsdesk.content.models import Article
from newsdesk.search.queries import search_articles
from tests.factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db


def found(text, **options):
    return [result.article.headline for result in search_articles(text, **options).results]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "a long password 123")


@pytest.mark.parametrize("status", ["draft", "review"])
def test_unpublished_articles_never_appear(committed, status):
    committed(lambda: ArticleFactory(headline="Embargoed budget leak", status=status, published_at=None))

    assert found("embargoed") == []


def test_a_scheduled_article_does_not_appear(committed):
    later = timezone.now() + timedelta(days=1)
    committed(lambda: ArticleFactory(headline="Embargoed budget leak", status="scheduled", published_at=later))

    assert found("embargoed") == []


def test_an_article_published_for_a_future_time_appears_when_the_time_comes(committed):
    later = timezone.now() + timedelta(hours=2)
    committed(lambda: ArticleFactory(headline="Midnight announcement", published_at=later))

    assert found("midnight") == []
    assert found("midnight", at=later + timedelta(minutes=1)) == ["Midnight announcement"]


def test_publishing_a_draft_makes_it_findable(committed):
    article = committed(lambda: ArticleFactory(headline="Harbour reopens", status="draft", published_at=None))

    committed(lambda: services.publish_article(article))

    assert found("harbour") == ["Harbour reopens"]


def test_an_update_is_found_by_its_new_words_and_not_its_old_ones(publish, committed):
    article = publish(headline="Harbour closes")
    article.headline = "Lighthouse closes"

    committed(lambda: services.save_article(article))

    assert found("lighthouse") == ["Lighthouse closes"]
    assert found("harbour") == []


def test_a_withdrawn_article_disappears(publish, committed, editor):
    from newsdesk.newsroom import workflow

    article = publish(headline="Harbour closes")

    committed(lambda: workflow.withdraw(article, editor, "Legal advice"))

    assert found("harbour") == []


def test_an_unpublished_article_disappears(publish, committed):
    article = publish(headline="Harbour closes")

    committed(lambda: services.unpublish_article(article))

    assert found("harbour") == []


def test_a_deleted_article_disappears(publish):
    article = publish(headline="Harbour closes")

    Article.objects.filter(pk=article.pk).delete()

    assert found("harbour") == []


def test_a_renamed_tag_is_found_by_its_new_name(publish, committed):
    tag = TagFactory(name="Shipping")
    article = publish(headline="Weekly roundup")
    committed(lambda: services.set_tags(article, [tag]))
    tag.name = "Maritime"
    tag.save()

    committed(lambda: services.announce_content_change(tag))

    assert found("maritime") == ["Weekly roundup"]


def test_a_renamed_author_is_found_by_the_new_name(publish, committed):
    author = AuthorFactory(name="Jo Bloggs")
    publish(headline="Weekly roundup", authors=[author])
    author.name = "Jo Featherstonehaugh"
    author.save()

    committed(lambda: services.announce_content_change(author))

    assert found("featherstonehaugh") == ["Weekly roundup"]


def test_rebuilding_indexes_articles_written_around_the_services(publish):
    publish(headline="Indexed already")
    Article.objects.bulk_create([Article(headline="Bulk imported harbour story", slug="bulk-harbour", body="Text.",
                                         section=Article.objects.first().section, status="published",
                                         published_at=timezone.now() - timedelta(hours=1))])  # fmt: skip
    assert found("bulk") == []

    call_command("rebuild_search_index", verbosity=0)

    assert found("bulk") == ["Bulk imported harbour story"]
    assert found("indexed") == ["Indexed already"]


def test_rebuilding_leaves_drafts_out(committed):
    committed(lambda: ArticleFactory(headline="Secret draft", status="draft", published_at=None))

    call_command("rebuild_search_index", verbosity=0)

    assert found("secret") == []
