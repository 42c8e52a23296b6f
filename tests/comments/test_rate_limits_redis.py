"""With Redis as the cache, rate-limit counters live there (shared by every server process)."""

import socket
import uuid

import pytest

from newsdesk.comments import ratelimit, services
from newsdesk.comments.models import Comment

pytestmark = pytest.mark.django_db

REDIS = ("127.0.0.1", 6379)


@pytest.fixture
def redis_cache(settings):
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://{REDIS[0]}:{REDIS[1]}/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield
    from django.core.cache import cache

    cache.clear()


def test_with_redis_the_limit_is_counted_in_the_cache_not_the_database(redis_cache, article, comment_settings):
    comment_settings.rate_limit_count = 2
    comment_settings.save()
    commenter = services.Commenter("192.0.2.50")
    for n in range(2):
        services.post_comment(article, name="R", email=f"r{n}@example.org", body=f"Words {n}.", commenter=commenter)
    Comment.objects.all().delete()  # the database no longer remembers them; Redis does

    with pytest.raises(services.RateLimited):
        services.post_comment(article, name="R", email="r9@example.org", body="Third.", commenter=commenter)
    assert ratelimit._uses_redis()
