import pytest

from newsdesk.content.signals import article_changed, content_changed
from newsdesk.publishing import receivers as publishing_receivers


@pytest.fixture(autouse=True)
def _no_baking(settings, tmp_path):
    """Search tests need the index kept current, not pages baked: publishing's receivers are left out."""
    settings.NEWSDESK_OUTPUT_DIR = tmp_path / "output"
    article_changed.disconnect(dispatch_uid="publishing.article_changed")
    content_changed.disconnect(dispatch_uid="publishing.content_changed")
    yield
    article_changed.connect(publishing_receivers.rebake_for_article, dispatch_uid="publishing.article_changed")
    content_changed.connect(publishing_receivers.rebake_for_content, dispatch_uid="publishing.content_changed")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed, so the content signals reach the index."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def publish(committed):
    """Create a published article (ArticleFactory keywords) and let the index hear of it."""
    from tests.factories import ArticleFactory

    return lambda **fields: committed(lambda: ArticleFactory(**fields))
