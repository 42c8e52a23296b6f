import pytest

from newsdesk.content.models import Article
from newsdesk.content.signals import article_changed, content_changed
from newsdesk.publishing import receivers as publishing_receivers
from tests.factories import ArticleFactory, SectionFactory


@pytest.fixture(autouse=True)
def _no_baking(settings, tmp_path):
    """API tests read and write through the services; baking pages is publishing's business."""
    settings.NEWSDESK_OUTPUT_DIR = tmp_path / "output"
    article_changed.disconnect(dispatch_uid="publishing.article_changed")
    content_changed.disconnect(dispatch_uid="publishing.content_changed")
    yield
    article_changed.connect(publishing_receivers.rebake_for_article, dispatch_uid="publishing.article_changed")
    content_changed.connect(publishing_receivers.rebake_for_content, dispatch_uid="publishing.content_changed")


@pytest.fixture
def token_for():
    """An API token's secret for `user`, issued as the admin issues it."""
    from newsdesk.api.tokens import issue_token

    return lambda user, name="test": issue_token(user, name=name)[1]


@pytest.fixture
def api(client):
    """The test client with JSON bodies and an optional bearer token."""

    class Api:
        def __init__(self, token=None):
            self.token = token

        def _headers(self, headers):
            headers = dict(headers or {})
            if self.token:
                headers.setdefault("Authorization", f"Bearer {self.token}")
            return headers

        def get(self, path, data=None, headers=None):
            return client.get(path, data, headers=self._headers(headers))

        def post(self, path, body=None, headers=None):
            return client.post(path, body or {}, content_type="application/json", headers=self._headers(headers))

        def patch(self, path, body, headers=None):
            return client.patch(path, body, content_type="application/json", headers=self._headers(headers))

    return Api


@pytest.fixture
def section(db):
    return SectionFactory(slug="world", name="World")


@pytest.fixture
def draft_by(section):
    def make(user, **fields):
        article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, section=section, authors=[user.author], **fields)
        Article.objects.filter(pk=article.pk).update(created_by=user)
        article.refresh_from_db()
        return article

    return make
