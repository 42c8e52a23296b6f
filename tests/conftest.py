import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no publication settings leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo publication, loaded through its loader as `make run` does."""
    from newsdesk.demo.loader import load_demo

    return load_demo()


@pytest.fixture
def publication(db):
    from newsdesk.content.models import Publication

    return Publication.objects.current()
