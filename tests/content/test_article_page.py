"""The demo article page has every part of the reference article page, found by parsing its HTML."""

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup


pytestmark = pytest.mark.django_db

@pytest.fixture
def page(client, oman_story):
    response = client.get(oman_story.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_headline_is_the_pages_only_h1(page, oman_story):
    headings = page.find_all("h1")
    assert [h.get_text(strip=True) for h in headings] == [oman_story.headline]


def test_the_standfirst_follows_the_headline(page, oman_story):
    assert page.select_one(".article__dek").get_text(strip=True) == oman_story.dek


def test_the_byline_links_each_author_to_their_page_with_their_role(page, oman_story):
    names = page.select(".byline a.byline__name")
    assert [a.get_text(strip=True) for a in names] == [line.author.name for line in oman_story.bylines.all()]
    assert [a["href"] for a in names] == [line.author.get_absolute_url() for line in oman_story.bylines.all()]
    assert page.select_one(".byline").get_text(" ", strip=True).startswith("By Ahmed Hassan , International Editor")


def test_a_credit_ending_in_by_reads_before_the_name(page):
    credited = page.select_one(".byline__line--credit")
    assert credited is not None
    assert re.match(r"^[\w ]+ by \S", credited.get_text(" ", strip=True))


def test_the_published_time_is_machine_readable(page, oman_story):
    published = page.select_one("time.article__published")
    assert published["datetime"] == oman_story.published_at.astimezone(published_zone(oman_story)).isoformat()


def published_zone(article):
    from newsdesk.content.models import Publication

    return Publication.objects.current().zone


def test_the_reading_time_appears_exactly_once_on_the_whole_page_and_is_the_stored_figure(page, oman_story):
    figures = page.find_all(string=re.compile(r"\bmin read\b", re.I))
    assert len(figures) == 1
    assert figures[0].strip() == f"{oman_story.reading_time} min read"


def test_the_lead_image_has_alt_text_caption_and_credit(page, oman_story):
    figure = page.select_one("figure.article__lead")
    image = figure.find("img")
    assert image["alt"] == oman_story.lead_image.alt_text
    assert int(image["width"]) > 0 and int(image["height"]) > 0
    assert oman_story.lead_image.caption in figure.figcaption.get_text()
    assert figure.select_one(".credit").get_text(strip=True) == oman_story.lead_image.credit


def test_the_body_has_its_section_headings_with_anchors(page):
    headings = page.select(".article__body h2[id]")
    assert len(headings) >= 2
    for heading in headings:
        assert heading.find("a", href=f"#{heading['id']}") is not None


def test_the_tags_link_to_their_pages(page, oman_story):
    links = page.select(".article__tags a[rel=tag]")
    assert sorted(a["href"] for a in links) == sorted(tag.get_absolute_url() for tag in oman_story.tags.all())


def test_share_links_are_plain_addresses_for_each_network(page):
    hrefs = [a["href"] for a in page.select(".share a.share__link")]
    assert [h.split("?")[0] for h in hrefs[:5]] == [
        "https://x.com/intent/post",
        "https://www.facebook.com/sharer/sharer.php",
        "https://www.linkedin.com/sharing/share-offsite/",
        "https://wa.me/",
        "mailto:",
    ]
    assert page.select_one(".share [data-copy-link]").get_text(strip=True) == "Copy link"


def test_share_links_carry_the_canonical_address(page, oman_story, settings):
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == settings.NEWSDESK_BASE_URL + oman_story.get_absolute_url()
    for link in page.select(".share a.share__link"):
        assert canonical in unquote(link["href"]), link["href"]


def test_the_page_loads_no_third_party_script_style_or_font(page):
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find_all(tag):
            value = element.get(attribute) or ""
            if tag == "link" and element.get("rel") == ["canonical"]:
                continue
            assert not value.startswith(("http:", "https:", "//")), f"{tag} loads {value}"


def test_each_author_has_a_bio_box(page, oman_story):
    boxes = page.select(".author-bio")
    assert len(boxes) == oman_story.bylines.count()
    first = boxes[0]
    assert first.select_one(".author-bio__name a").get_text(strip=True) == "Ahmed Hassan"
    assert first.select_one(".author-bio__role").get_text(strip=True) == "International Editor"
    assert "London School of Economics" in first.select_one(".author-bio__bio").get_text()


def test_there_is_a_place_for_reader_comments(page):
    assert page.select_one("section#reader-comments h2") is not None


def test_related_stories_are_offered(page, oman_story):
    related = page.select(".related .card__headline a")
    assert 1 <= len(related) <= 3
    assert oman_story.headline not in [a.get_text(strip=True) for a in related]


def test_the_footer_has_the_name_the_copyright_year_and_the_legal_pages(page):
    from django.utils import timezone

    footer = page.select_one("footer.site-footer")
    publication_name = page.select_one(".masthead__title").get_text(strip=True)
    assert footer.select_one(".site-footer__name").get_text(strip=True) == publication_name
    assert f"© {timezone.now().year}" in footer.select_one(".site-footer__copyright").get_text()
    links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
    assert "Terms of Service" in links and "Privacy Policy" in links


def test_the_page_has_landmarks_and_a_skip_link(page):
    assert page.select_one("a.skip-link")["href"] == "#main-content"
    assert page.find("main", id="main-content") is not None
    assert page.find("header") is not None and page.find("footer") is not None
    assert page.find("nav", attrs={"aria-label": "Sections"}) is not None


def test_headings_do_not_skip_levels(page):
    levels = [int(h.name[1]) for h in page.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_every_image_has_alt_text(page):
    assert all(img.has_attr("alt") for img in page.find_all("img"))
