"""The demo publication follows the US–Iran talks as a developing story with a live page."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.demo.loader import load_demo
from newsdesk.stories.models import KeyFact, LiveEvent, LiveUpdate, Person, Story, TimelineEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def talks(demo):
    return Story.objects.get(slug="us-iran-talks")


def test_the_talks_are_a_developing_story_in_the_navigation(client, talks):
    page = BeautifulSoup(client.get("/").content, "html.parser")

    assert talks.is_developing
    assert page.select_one('.site-nav a[href="/stories/us-iran-talks/"]') is not None


def test_the_timeline_runs_from_the_june_strikes_to_the_talks_in_oman(talks):
    entries = list(talks.timeline.all())

    assert entries[0].happened_on.month == 6 and "strike" in entries[0].text
    assert "Muscat" in entries[-1].text
    assert len(entries) >= 5


def test_the_key_facts_carry_the_reported_figures_and_their_sources(talks):
    figures = {fact.figure_display: fact for fact in talks.facts.all() if fact.figure is not None}

    assert {"6,883 deaths", "50,000 detained"} <= set(figures)
    assert all(fact.source and fact.as_of for fact in figures.values())


def test_whos_who_has_both_delegations_and_the_mediators(talks):
    groups = set(talks.people.values_list("group", flat=True))
    names = set(talks.people.values_list("name", flat=True))

    assert {"Iranian delegation", "US delegation", "Mediators"} <= groups
    assert {"Abbas Araghchi", "Steve Witkoff", "Jared Kushner"} <= names


def test_the_oman_article_is_part_of_the_story(client, oman_story):
    page = BeautifulSoup(client.get(oman_story.get_absolute_url()).content, "html.parser")

    box = page.select_one(".part-of")
    assert box.select_one(".part-of__label a")["href"] == "/stories/us-iran-talks/"
    assert box.select_one("a[rel=prev]") is not None


def test_the_live_page_has_a_handful_of_updates_one_pinned_and_one_corrected(client, talks):
    coverage = talks.live_coverage.get()
    updates = list(coverage.updates.all())

    assert len(updates) >= 5
    assert sum(u.is_pinned for u in updates) == 1
    assert any(u.corrected_at for u in updates)
    assert client.get(coverage.get_absolute_url()).status_code == 200


def test_loading_the_demo_again_changes_nothing_in_the_story(talks):
    models = (Story, KeyFact, Person, TimelineEntry, LiveUpdate, LiveEvent)
    before = {model: model.objects.count() for model in models}

    load_demo()

    assert {model: model.objects.count() for model in models} == before
