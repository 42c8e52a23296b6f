"""The story page: summary, what we know, who's who, timeline and the story's articles."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.content import services as content_services
from newsdesk.content.models import Article
from newsdesk.stories import services
from newsdesk.stories.models import Person, Story
from tests.factories import AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_story_page_shows_the_editors_summary_as_markdown(client, story):
    page = _page(client, "/stories/harbour-strike/")

    assert page.select_one(".story__summary em").get_text() == "walk out"


def test_key_facts_show_their_figure_unit_source_and_date(client, story):
    page = _page(client, "/stories/harbour-strike/")

    fact = page.select(".key-fact")[0]
    assert fact.select_one(".key-fact__figure").get_text() == "12,500 workers"
    assert "Source: The union, as of 1 February 2026" in fact.select_one(".key-fact__source").get_text()


def test_a_key_fact_without_a_figure_shows_only_its_statement(client, story):
    page = _page(client, "/stories/harbour-strike/")

    fact = page.select(".key-fact")[1]
    assert fact.select_one(".key-fact__figure") is None
    assert fact.get_text(strip=True) == "Talks resume on Monday"


def test_whos_who_is_grouped_under_its_headings_in_order(client, story):
    page = _page(client, "/stories/harbour-strike/")

    section = page.select_one(".story__people")
    assert [h.get_text() for h in section.select("h3")] == ["Union", "Port"]
    assert [dt.get_text(strip=True) for dt in section.select("dl")[0].select("dt")] == [
        "Ada Byrne,Union leader", "Mia Wong,Negotiator",
    ]  # fmt: skip


def test_people_link_to_their_tag_or_author_page(client, story):
    Person.objects.create(story=story, name="Lena Ortiz", role="Mayor", tag=TagFactory(slug="lena-ortiz"))
    Person.objects.create(story=story, name="Sam Reed", role="Reporter", author=AuthorFactory(slug="sam-reed"))

    page = _page(client, "/stories/harbour-strike/")

    assert page.find("a", string="Lena Ortiz")["href"] == "/tag/lena-ortiz/"
    assert page.find("a", string="Sam Reed")["href"] == "/author/sam-reed/"


def test_the_timeline_is_in_date_order_and_links_the_articles_that_cover_it(client, story, instalments):
    page = _page(client, "/stories/harbour-strike/")

    entries = page.select(".timeline__entry")
    assert [e.select_one(".timeline__text").get_text() for e in entries][:2] == ["Ballot opens", "Strike vote passes"]
    assert entries[1].find("a")["href"] == instalments[0].get_absolute_url()
    assert entries[0].find("a") is None


def test_the_storys_articles_are_listed_newest_first(client, story):
    page = _page(client, "/stories/harbour-strike/")

    headlines = [h.get_text(strip=True) for h in page.select(".story__articles .card__headline")]
    assert headlines == ["Instalment 3", "Instalment 2", "Instalment 1"]


def test_a_draft_article_of_the_story_is_not_listed(client, story, instalments):
    content_services.unpublish_article(instalments[2])

    page = _page(client, "/stories/harbour-strike/")

    assert "Instalment 3" not in page.select_one(".story__articles").get_text()


def test_an_unknown_story_is_a_404(client, db):
    assert client.get("/stories/no-such-story/").status_code == 404


def test_the_stories_index_lists_developing_and_concluded_stories(client, story):
    services.save_story(Story(title="Old floods", slug="old-floods", summary="Over.", status=Story.Status.CONCLUDED))

    page = _page(client, "/stories/")

    assert [h.get_text() for h in page.select(".story-thread h2")] == ["Harbour strike", "Old floods"]


def test_an_article_belongs_to_one_story_at_most(story, instalments):
    other = services.save_story(Story(title="Other", slug="other", summary="Other."))

    services.set_story_articles(other, [instalments[0]])

    assert list(story.story_articles.values_list("article__slug", flat=True).order_by("article__slug")) == [
        "instalment-2", "instalment-3",
    ]  # fmt: skip
    assert Article.objects.get(slug="instalment-1").stories.get() == other
