"""The demo publication's comments."""

import pytest

from newsdesk.comments.demo import load_demo_comments
from newsdesk.comments.models import Comment

pytestmark = pytest.mark.django_db


def test_the_demo_comments_are_approved_and_include_a_threaded_reply(demo):
    load_demo_comments()
    assert Comment.objects.exclude(status=Comment.Status.APPROVED).count() == 0
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Comment.objects.values("article").distinct().count() == 3


def test_loading_the_demo_comments_twice_never_duplicates(demo):
    first = load_demo_comments()
    second = load_demo_comments()
    assert first == second == Comment.objects.count()


def test_the_demo_article_page_shows_its_comments_and_count(client, demo):
    from newsdesk.content.models import Article

    load_demo_comments()
    article = Article.objects.get(slug="us-iran-envoys-oman-talks")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "3 comments" in html
    assert "Margaret Ellison" in html
    assert "@example.org" not in html
