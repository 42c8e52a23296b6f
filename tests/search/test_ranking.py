"""What readers find first: headline matches, then relevance, then the newer story."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.search.queries import search_articles

pytestmark = pytest.mark.django_db

BODY = "## Notes\n\nThe council met on Tuesday.\n"


def headlines(text, **options):
    return [result.article.headline for result in search_articles(text, **options).results]


def test_a_headline_match_comes_before_a_body_match(publish):
    now = timezone.now()
    publish(headline="Council meets", body="Ferry timetables were discussed at length.", published_at=now - timedelta(days=30))
    publish(headline="Council meets again", body="Ferry ferry ferry: the ferry was late, the ferry was full.", published_at=now - timedelta(hours=1))
    publish(headline="Ferry service returns", body=BODY, published_at=now - timedelta(days=60))

    assert headlines("ferry")[0] == "Ferry service returns"


def test_the_newer_story_comes_first_when_relevance_ties(publish):
    now = timezone.now()
    publish(headline="Harbour report", body=BODY, published_at=now - timedelta(days=3))
    publish(headline="Harbour report", body=BODY, published_at=now - timedelta(hours=2))

    found = search_articles("harbour").results

    assert found[0].article.published_at > found[1].article.published_at


def test_the_standfirst_counts_for_more_than_the_body(publish):
    now = timezone.now()
    publish(headline="Morning briefing", dek="", body="A note on tariffs and trade.", published_at=now - timedelta(hours=1))
    publish(headline="Evening briefing", dek="Tariffs rise again.", body="A note on trade.", published_at=now - timedelta(days=5))

    assert headlines("tariffs") == ["Evening briefing", "Morning briefing"]


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [("dek", "Envoys met in Muscat.", "muscat"), ("body", "The lighthouse keeper retired.\n", "lighthouse")],
)
def test_standfirst_and_body_are_searched(publish, field, value, query):
    publish(headline="Unrelated headline", **{field: value})

    assert headlines(query) == ["Unrelated headline"]


def test_tag_names_are_searched(publish, committed):
    from newsdesk.content import services
    from tests.factories import TagFactory

    article = publish(headline="Weekly roundup")
    tag = TagFactory(name="Shipwrecks")
    committed(lambda: services.set_tags(article, [tag]))

    assert headlines("shipwrecks") == ["Weekly roundup"]


def test_author_names_are_searched(publish):
    from tests.factories import AuthorFactory

    publish(headline="Weekly roundup", authors=[AuthorFactory(name="Zanele Okonkwo")])

    assert headlines("okonkwo") == ["Weekly roundup"]


def test_words_are_matched_by_their_stem_on_both_backends(publish):
    publish(headline="Voters registered in record numbers")

    assert headlines("registering voter") == ["Voters registered in record numbers"]


def test_every_word_must_match(publish):
    publish(headline="Rail strike called off")
    publish(headline="Rail fares rise")

    assert headlines("rail strike") == ["Rail strike called off"]


def test_or_finds_either_word(publish):
    publish(headline="Rail strike called off")
    publish(headline="Bus fares rise")

    assert sorted(headlines("rail OR bus")) == ["Bus fares rise", "Rail strike called off"]


def test_a_quoted_phrase_matches_those_words_in_that_order(publish):
    publish(headline="Strike over rail pay")
    publish(headline="Rail strike ends")

    assert headlines('"rail strike"') == ["Rail strike ends"]


def test_a_minus_leaves_stories_out(publish):
    publish(headline="Rail strike called off")
    publish(headline="Rail fares rise")

    assert headlines("rail -strike") == ["Rail fares rise"]


def test_results_come_in_pages_with_the_total(publish):
    now = timezone.now()
    for n in range(23):
        publish(headline=f"Flood warning {n}", published_at=now - timedelta(minutes=n + 1))

    pages = [search_articles("flood", page=number) for number in (1, 2, 3)]

    assert [len(p.results) for p in pages] == [10, 10, 3]
    assert {p.total for p in pages} == {23}
    assert pages[2].pages == 3 and not pages[2].has_next
    assert len({r.article.pk for p in pages for r in p.results}) == 23


def test_a_page_past_the_last_has_no_results_but_keeps_the_total(publish):
    publish(headline="Flood warning")

    found = search_articles("flood", page=5)

    assert found.results == [] and found.total == 1
