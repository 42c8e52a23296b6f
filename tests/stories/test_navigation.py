"""Developing stories have a place in the site's navigation; concluded ones leave it."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.stories import services
from newsdesk.stories.models import Story

pytestmark = pytest.mark.django_db


def _navigation(client) -> list[str]:
    page = BeautifulSoup(client.get("/latest/").content, "html.parser")
    return [a.get_text(" ", strip=True) for a in page.select(".site-nav a")]


def test_a_developing_story_is_in_the_navigation(client, story):
    assert "Developing Harbour strike" in _navigation(client)


def test_a_concluded_story_leaves_the_navigation_at_once(client, story):
    _navigation(client)  # the navigation is now cached
    story.status = Story.Status.CONCLUDED

    services.save_story(story)

    assert "Developing Harbour strike" not in _navigation(client)


def test_an_editor_can_keep_a_developing_story_out_of_the_navigation(client, story):
    story.in_navigation = False

    services.save_story(story)

    assert "Developing Harbour strike" not in _navigation(client)


def test_the_story_page_marks_its_navigation_entry_as_current(client, story):
    page = BeautifulSoup(client.get("/stories/harbour-strike/").content, "html.parser")

    assert page.select_one('.site-nav a[aria-current="page"]')["href"] == "/stories/harbour-strike/"
