"""Pages baked together share work (a scope's three feeds list the same stories), and each still
records everything it shows, so a later change re-bakes all of them."""

import pytest

from newsdesk.core import reads
from newsdesk.distribution.scopes import section_scope
from newsdesk.publishing import baker, targets
from newsdesk.publishing.models import BakeRequest, PageDependency
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from newsdesk.publishing.receivers import queue_content
from tests.publishing.test_baking import baked

pytestmark = pytest.mark.django_db


def _section_feeds(committed):
    section = SectionFactory()
    articles = committed(lambda: [ArticleFactory(section=section) for _ in range(3)])
    BakeRequest.objects.all().delete()
    return articles, section_scope(section).feed_paths()


def test_each_feed_baked_in_one_round_records_every_story_it_lists(output, committed):
    articles, feeds = _section_feeds(committed)
    baker.request_bake(dict.fromkeys(feeds, 2))

    baker.bake_pending()

    for path in feeds:
        shown = set(PageDependency.objects.filter(page_id=path, model="content.article").values_list("object_id", flat=True))
        assert {article.pk for article in articles} <= shown, path


def test_feeds_baked_in_one_round_are_what_their_views_answer(output, committed, client):
    _, feeds = _section_feeds(committed)
    baker.request_bake(dict.fromkeys(feeds, 2))

    baker.bake_pending()

    for path in feeds:
        assert baked(output, path) == client.get(path).content, path


def test_renaming_an_author_rebakes_every_format_of_their_section_feed(output, committed):
    author = AuthorFactory(name="Old Byline")
    section = SectionFactory()
    committed(lambda: ArticleFactory(section=section, authors=[author]))
    feeds = section_scope(section).feed_paths()
    author.name = "New Byline"
    author.save()

    committed(lambda: queue_content(author, pk=author.pk))

    for path in feeds:
        assert b"New Byline" in baked(output, path), path


def test_work_shared_in_a_round_is_done_once():
    done = []
    with reads.bake_round():
        first = reads.shared("entries", lambda: done.append("work") or ("a", "b"))
        second = reads.shared("entries", lambda: done.append("work") or ("a", "b"))

    assert done == ["work"]
    assert first is second


def test_work_outside_a_round_is_done_every_time():
    done = []
    reads.shared("entries", lambda: done.append("work"))
    reads.shared("entries", lambda: done.append("work"))

    assert done == ["work", "work"]


def test_a_page_reusing_shared_work_records_what_the_work_read():
    with reads.bake_round():
        with reads.recording() as first:
            reads.shared("entries", lambda: reads.note("content.article", 7))
        with reads.recording() as second:
            reads.shared("entries", lambda: reads.note("content.article", 7))

    assert first == second == {("content.article", 7)}


def test_a_round_takes_in_the_rest_of_a_scopes_feeds():
    feeds = ["/feeds/tag/oman/rss.xml", "/feeds/tag/oman/atom.xml", "/feeds/tag/oman/feed.json"]
    baker.request_bake({"/a/": 0, "/b/": 0, **dict.fromkeys(feeds, 1), "/c/": 2})
    queue = BakeRequest.objects.order_by("priority", "requested_at", "pk")

    round_paths = [request.path for request in baker._next_round(queue, 3)]

    assert round_paths == ["/a/", "/b/", *feeds]


def test_a_feed_is_grouped_with_its_scopes_other_formats_only():
    assert targets.work_group("/feeds/rss.xml") == targets.work_group("/feeds/feed.json")
    assert targets.work_group("/feeds/rss.xml") != targets.work_group("/feeds/tag/oman/rss.xml")
    assert targets.work_group("/latest/") != targets.work_group("/")
