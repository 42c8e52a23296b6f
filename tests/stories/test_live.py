"""Live pages: updates posted, pinned, corrected and removed with the change shown, coverage ended."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from newsdesk.stories import services
from newsdesk.stories.models import LiveUpdate
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def _page(client, coverage):
    response = client.get(coverage.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _live_blog(page) -> dict:
    documents = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    return next(d for d in documents if d["@type"] == "LiveBlogPosting")


def test_updates_show_newest_first_with_their_author_and_markdown(client, coverage):
    author = AuthorFactory(name="Ruth Kerr")
    start = timezone.now() - timedelta(minutes=10)
    services.post_update(coverage, body="Dockers *gather* at the gate.", author=author, at=start)
    services.post_update(coverage, body="Police arrive.", at=start + timedelta(minutes=5))

    page = _page(client, coverage)

    updates = page.select("[data-live-updates] .live-update")
    assert [u.select_one(".live-update__body").get_text(" ", strip=True) for u in updates] == [
        "Police arrive.", "Dockers gather at the gate.",
    ]  # fmt: skip
    assert updates[1].select_one(".live-update__body em").get_text() == "gather"
    assert updates[1].select_one(".live-update__author").get_text(strip=True) == "Ruth Kerr"


def test_scripts_in_an_update_are_removed(client, coverage):
    services.post_update(coverage, body='Hello <script>alert(1)</script><img src=x onerror="alert(2)">')

    body = str(_page(client, coverage).select_one(".live-update__body"))

    assert "<script" not in body and "onerror" not in body


def test_each_update_has_a_permalink_on_the_page(client, coverage):
    update = services.post_update(coverage, body="Gates shut.")

    page = _page(client, coverage)

    assert update.get_absolute_url() == f"/live/harbour-strike-live/#update-{update.pk}"
    assert page.select_one(f"#update-{update.pk} .live-update__time")["href"] == f"#update-{update.pk}"


def test_a_pinned_update_is_shown_as_the_key_update_at_the_top(client, coverage):
    key = services.post_update(coverage, body="Deal agreed.", pinned=True)
    services.post_update(coverage, body="Later news.")

    pinned = _page(client, coverage).select_one("[data-live-pinned]")

    assert pinned.get("hidden") is None
    assert pinned.select_one(f"#pinned-update-{key.pk}") is not None
    assert "Key update" in pinned.get_text()


def test_pinning_another_update_unpins_the_first(coverage):
    first = services.post_update(coverage, body="First.", pinned=True)
    second = services.post_update(coverage, body="Second.")

    services.pin_update(second)

    assert list(LiveUpdate.objects.filter(is_pinned=True)) == [second]
    first.refresh_from_db()
    assert not first.is_pinned


def test_the_database_refuses_two_pinned_updates_in_one_coverage(coverage):
    services.post_update(coverage, body="First.", pinned=True)
    second = services.post_update(coverage, body="Second.")

    with pytest.raises(IntegrityError):
        LiveUpdate.objects.filter(pk=second.pk).update(is_pinned=True)


def test_a_corrected_update_shows_when_why_and_what_it_said_before(client, coverage):
    update = services.post_update(coverage, body="Ten ships held.")

    services.correct_update(update, body="Twelve ships held.", note="The number of ships was wrong.")

    article = _page(client, coverage).select_one(f"#update-{update.pk}")
    assert article.select_one(".live-update__body").get_text(strip=True) == "Twelve ships held."
    assert "Corrected at" in article.select_one(".live-update__correction summary").get_text()
    assert "The number of ships was wrong." in article.select_one(".live-update__correction summary").get_text()
    assert "Ten ships held." in article.select_one(".live-update__previous").get_text()


def test_a_correction_needs_a_note_for_readers(coverage):
    update = services.post_update(coverage, body="Ten ships held.")

    with pytest.raises(ValidationError):
        services.correct_update(update, body="Twelve ships held.", note=" ")


def test_a_removed_update_leaves_a_notice_with_the_reason_and_not_its_text(client, coverage):
    update = services.post_update(coverage, body="Unconfirmed rumour.")

    services.remove_update(update, note="It could not be confirmed.")

    article = _page(client, coverage).select_one(f"#update-{update.pk}")
    assert article.select_one(".live-update__body") is None
    assert "removed" in article.select_one(".live-update__notice").get_text()
    assert "It could not be confirmed." in article.get_text()
    assert "Unconfirmed rumour" not in article.get_text()


def test_an_empty_update_is_refused(coverage):
    with pytest.raises(ValidationError):
        services.post_update(coverage, body="   ")


def test_ended_coverage_takes_no_more_updates(coverage):
    services.end_coverage(coverage)

    with pytest.raises(services.LiveCoverageEnded):
        services.post_update(coverage, body="Too late.")


def test_ended_coverage_says_so_and_loads_no_script(client, coverage):
    services.end_coverage(coverage)

    page = _page(client, coverage)

    assert "This live coverage ended" in page.select_one(".live-status--ended").get_text()
    assert page.select_one('script[src*="live"]') is None


def test_a_live_page_loads_its_script_as_a_file_and_has_no_inline_script(client, coverage):
    page = _page(client, coverage)

    assert page.select_one('script[src*="newsdesk/js/live"]') is not None
    inline = [s for s in page.select("script") if not s.get("src") and s.get("type") != "application/ld+json"]
    assert inline == []


def test_the_live_blog_posting_has_coverage_times_and_every_update_with_its_permalink(client, coverage):
    update = services.post_update(coverage, body="Gates shut.")
    services.end_coverage(coverage)

    live_blog = _live_blog(_page(client, coverage))

    assert live_blog["coverageStartTime"] and live_blog["coverageEndTime"]
    assert live_blog["liveBlogUpdate"][0]["url"].endswith(f"/live/harbour-strike-live/#update-{update.pk}")
    assert live_blog["liveBlogUpdate"][0]["articleBody"] == "Gates shut."


def test_a_live_page_still_going_has_no_coverage_end_time(client, coverage):
    assert "coverageEndTime" not in _live_blog(_page(client, coverage))


def test_removed_updates_are_left_out_of_the_structured_data(client, coverage):
    update = services.post_update(coverage, body="Rumour.")
    services.remove_update(update, note="Unconfirmed.")

    assert _live_blog(_page(client, coverage))["liveBlogUpdate"] == []


def test_the_story_page_shows_the_latest_live_updates(client, coverage):
    services.post_update(coverage, body="Gates shut.")

    page = BeautifulSoup(client.get("/stories/harbour-strike/").content, "html.parser")

    assert "Gates shut." in page.select_one(".story__live").get_text()


def test_live_coverage_can_stand_on_its_own(client, db):
    coverage = services.start_coverage(title="Election night", slug="election-night")
    services.post_update(coverage, body="Polls close.")

    page = _page(client, coverage)

    assert "Polls close." in page.select_one("[data-live-updates]").get_text()
