"""Changes to a story or a live page re-bake exactly the pages that show them."""

import pytest

from newsdesk.content import services as content_services
from newsdesk.publishing import targets
from newsdesk.publishing.models import BakedPage, BakeRequest
from newsdesk.stories import services
from newsdesk.stories.models import Story
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _baker_asleep(settings):
    """Queued pages stay queued (the suite's immediate task backend would bake them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _queued() -> set[str]:
    return set(BakeRequest.objects.values_list("path", flat=True))


def test_a_full_bake_includes_the_story_page_its_feeds_the_index_and_live_pages(coverage):
    paths = targets.all_paths()

    for path in ("/stories/", "/stories/harbour-strike/", "/feeds/story/harbour-strike/rss.xml",
                 "/feeds/story/harbour-strike/atom.xml", "/feeds/story/harbour-strike/feed.json",
                 "/live/harbour-strike-live/"):  # fmt: skip
        assert path in paths


def test_editing_a_story_re_bakes_its_page_feeds_and_articles(story, instalments, run_on_commit):
    BakeRequest.objects.all().delete()
    story.summary = "New summary."

    run_on_commit(services.save_story, story)

    queued = _queued()
    assert {"/stories/harbour-strike/", "/feeds/story/harbour-strike/rss.xml"} <= queued
    assert {a.get_absolute_url() for a in instalments} <= queued


def test_an_article_taken_out_of_a_story_is_re_baked(story, instalments, run_on_commit):
    BakeRequest.objects.all().delete()

    run_on_commit(services.set_story_articles, story, instalments[:2])

    assert instalments[2].get_absolute_url() in _queued()


def test_a_story_leaving_the_navigation_re_bakes_every_page(story, run_on_commit):
    BakedPage.objects.create(path="/section/world/", etag="x", size=1, baked_at="2026-01-01T00:00Z")
    BakeRequest.objects.all().delete()
    story.status = Story.Status.CONCLUDED

    run_on_commit(services.save_story, story)

    assert "/section/world/" in _queued()


def test_a_story_edit_that_leaves_the_navigation_alone_re_bakes_only_its_own_pages(story, run_on_commit):
    BakedPage.objects.create(path="/section/world/", etag="x", size=1, baked_at="2026-01-01T00:00Z")
    BakeRequest.objects.all().delete()
    story.summary = "New summary."

    run_on_commit(services.save_story, story)

    assert "/section/world/" not in _queued()


def test_a_renamed_story_re_bakes_its_old_address_so_the_file_goes(story, run_on_commit):
    BakeRequest.objects.all().delete()
    story.slug = "dock-strike"

    run_on_commit(services.save_story, story)

    assert {"/stories/harbour-strike/", "/stories/dock-strike/"} <= _queued()


def test_a_live_update_re_bakes_the_live_page_the_story_page_and_its_articles(coverage, instalments, run_on_commit):
    BakeRequest.objects.all().delete()

    run_on_commit(services.post_update, coverage, body="Gates shut.")

    queued = dict(BakeRequest.objects.values_list("path", "priority"))
    assert queued["/live/harbour-strike-live/"] == 0
    assert "/stories/harbour-strike/" in queued
    assert {a.get_absolute_url() for a in instalments} <= set(queued)


def test_publishing_an_article_of_a_story_re_bakes_the_story_and_its_other_instalments(story, instalments, run_on_commit):
    draft = ArticleFactory(headline="Instalment 4", status="draft", published_at=None)
    services.set_story_articles(story, [*instalments, draft])
    BakeRequest.objects.all().delete()

    run_on_commit(content_services.publish_article, draft)

    queued = _queued()
    assert {"/stories/harbour-strike/", "/feeds/story/harbour-strike/atom.xml"} <= queued
    assert instalments[2].get_absolute_url() in queued


def test_the_story_page_is_baked_to_a_file_that_shows_the_story(story, tmp_path, settings):
    from newsdesk.publishing.baker import bake_path

    settings.NEWSDESK_OUTPUT_DIR = tmp_path

    outcome = bake_path("/stories/harbour-strike/")

    assert outcome.result == "written"
    assert "Harbour strike" in (tmp_path / "stories/harbour-strike/index.html").read_text()
