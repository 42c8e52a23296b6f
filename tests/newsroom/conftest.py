import pytest

from newsdesk.content.models import Article
from tests.factories import ArticleFactory, SectionFactory


@pytest.fixture
def section(db):
    return SectionFactory()


@pytest.fixture
def draft_by(section):
    """An unpublished article written by `user` (started by them, under their byline)."""

    def make(user, **fields):
        article = ArticleFactory(
            status=Article.Status.DRAFT, published_at=None, section=section, authors=[user.author], **fields
        )
        Article.objects.filter(pk=article.pk).update(created_by=user)
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def published_by(section):
    def make(user, **fields):
        article = ArticleFactory(section=section, authors=[user.author], **fields)
        Article.objects.filter(pk=article.pk).update(created_by=user)
        article.refresh_from_db()
        return article

    return make
