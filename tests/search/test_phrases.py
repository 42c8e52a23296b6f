"""Quoted phrases: the words together, in order, wherever the story has them (on PostgreSQL through the
index of adjacent words; these hold on both backends)."""

import pytest

from newsdesk.search.queries import search_articles

pytestmark = pytest.mark.django_db

FILLER = " ".join(["The committee heard evidence from residents about the timetable."] * 60)


def headlines(text):
    return sorted(result.article.headline for result in search_articles(text).results)


def test_a_phrase_deep_in_a_long_body_is_found(publish):
    publish(headline="Transport inquiry", body=f"{FILLER}\n\nAt the end a rail strike was announced.\n")
    publish(headline="Transport inquiry again", body=f"{FILLER}\n\nThe strike on the rail line was announced.\n")

    assert headlines('"rail strike"') == ["Transport inquiry"]


def test_a_phrase_of_three_words_keeps_their_order(publish):
    publish(headline="Rail strike ends")
    publish(headline="Rail ends strike talk")

    assert headlines('"rail strike ends"') == ["Rail strike ends"]


def test_a_phrase_with_a_small_word_inside_is_found(publish):
    publish(headline="Court defends the rule of law")
    publish(headline="Law and order rule the debate")

    assert "Court defends the rule of law" in headlines('"rule of law"')
    assert "Law and order rule the debate" not in headlines('"rule of law"')


def test_a_phrase_with_a_hyphenated_word_is_found(publish):
    publish(headline="The well-known harbour reopens")
    publish(headline="Harbour well known for its ferries")

    assert headlines('"well-known harbour"') == ["The well-known harbour reopens"]


def test_a_phrase_and_a_word_must_both_match(publish):
    publish(headline="Rail strike ends", dek="The union accepted the offer.")
    publish(headline="Rail strike continues", dek="Talks broke down.")

    assert headlines('"rail strike" union') == ["Rail strike ends"]


def test_a_phrase_or_a_word_finds_either(publish):
    publish(headline="Rail strike ends")
    publish(headline="Ferry timetable changes")
    publish(headline="Strike of the rail workers")

    assert headlines('"rail strike" OR ferry') == ["Ferry timetable changes", "Rail strike ends"]


def test_a_phrase_repeating_a_word_is_found(publish):
    publish(headline="Bye bye to the old bridge")
    publish(headline="Bye to the old bridge")

    assert headlines('"bye bye"') == ["Bye bye to the old bridge"]


def test_a_minus_phrase_leaves_out_only_stories_with_the_phrase(publish):
    publish(headline="Rail strike ends")
    publish(headline="Strike on the rail network")

    assert headlines('rail -"rail strike"') == ["Strike on the rail network"]
