"""JSON-LD in page heads: NewsArticle, BreadcrumbList, Person, WebSite; parseable, dated, reader-free."""

import json
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from newsdesk.content.models import Article, Author, Publication
from newsdesk.distribution.structured_data import to_script_json
from tests.factories import ArticleFactory, AuthorFactory
from tests.distribution.validators import RFC3339

pytestmark = pytest.mark.django_db

OMAN_STORY_SLUG = "us-iran-envoys-oman-talks"


def json_ld(client, path) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, path
    head = BeautifulSoup(response.content, "html.parser").head
    return [json.loads(script.string) for script in head.find_all("script", type="application/ld+json")]


def of_type(documents: list[dict], schema_type: str) -> dict:
    [found] = [doc for doc in documents if doc["@type"] == schema_type]
    return found


@pytest.fixture
def oman_story(demo):
    return Article.objects.get(slug=OMAN_STORY_SLUG)


@pytest.fixture
def news_article(client, oman_story):
    return of_type(json_ld(client, oman_story.get_absolute_url()), "NewsArticle")


def test_the_news_article_has_headline_description_and_language(news_article, oman_story):
    assert news_article["@context"] == "https://schema.org"
    assert news_article["headline"] == oman_story.headline
    assert news_article["description"] == oman_story.dek
    assert news_article["inLanguage"] == "en"


def test_the_news_article_dates_are_iso_8601_with_time_zone(news_article):
    for key in ("datePublished", "dateModified"):
        assert RFC3339.match(news_article[key]), news_article[key]
        assert datetime.fromisoformat(news_article[key]).tzinfo is not None
    assert news_article["datePublished"] == "2026-02-05T08:00:00+00:00"


def test_the_news_article_names_each_author_as_a_person_with_their_page(news_article, oman_story, settings):
    assert news_article["author"] == [
        {"@type": "Person", "name": author.name, "url": settings.NEWSDESK_BASE_URL + author.get_absolute_url()}
        for author in (line.author for line in oman_story.bylines.all())
    ]


def test_the_news_article_publisher_is_a_news_media_organization_with_a_logo(news_article, settings):
    publisher = news_article["publisher"]

    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "The Northgate Courier"
    assert publisher["url"] == settings.NEWSDESK_BASE_URL + "/"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith(settings.NEWSDESK_BASE_URL + "/")


def test_the_news_article_gives_the_lead_image_with_its_size(news_article, oman_story, settings):
    image = oman_story.lead_image

    url = settings.NEWSDESK_BASE_URL + image.file.url
    assert news_article["image"] == [{"@type": "ImageObject", "url": url, "width": image.width, "height": image.height}]


def test_the_news_article_is_the_main_entity_of_its_canonical_page(news_article, oman_story, settings):
    url = settings.NEWSDESK_BASE_URL + oman_story.get_absolute_url()

    assert news_article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert news_article["url"] == url


def test_the_news_article_gives_section_keywords_and_word_count(news_article, oman_story):
    assert news_article["articleSection"] == "World"
    assert sorted(news_article["keywords"]) == sorted(tag.name for tag in oman_story.tags.all())
    assert news_article["wordCount"] == oman_story.word_count > 0


def test_the_news_article_has_no_correction_until_the_article_has_one(news_article):
    assert "correction" not in news_article


def test_the_article_page_has_breadcrumbs_from_the_front_page_through_the_section(client, oman_story, settings):
    base = settings.NEWSDESK_BASE_URL

    crumbs = of_type(json_ld(client, oman_story.get_absolute_url()), "BreadcrumbList")["itemListElement"]

    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "The Northgate Courier", base + "/"),
        (2, "World", base + "/section/world/"),
        (3, oman_story.headline, base + oman_story.get_absolute_url()),
    ]
    assert all(c["@type"] == "ListItem" for c in crumbs)


def test_section_tag_and_author_pages_have_breadcrumbs(client, demo, settings):
    for path, name in (("/section/world/", "World"), ("/tag/iran/", "Iran"), ("/author/ahmed-hassan/", "Ahmed Hassan")):
        crumbs = of_type(json_ld(client, path), "BreadcrumbList")["itemListElement"]
        assert [c["name"] for c in crumbs] == ["The Northgate Courier", name]
        assert crumbs[-1]["item"] == settings.NEWSDESK_BASE_URL + path


def test_the_author_page_describes_the_author_as_a_person(client, demo, settings):
    author = Author.objects.get(slug="ahmed-hassan")

    person = of_type(json_ld(client, "/author/ahmed-hassan/"), "Person")

    assert person["name"] == "Ahmed Hassan"
    assert person["url"] == settings.NEWSDESK_BASE_URL + "/author/ahmed-hassan/"
    assert person["jobTitle"] == "International Editor"
    assert person["description"] == author.bio
    assert person["image"] == settings.NEWSDESK_BASE_URL + author.photo.file.url
    assert person["worksFor"]["@type"] == "NewsMediaOrganization"


def test_the_front_page_describes_the_website_and_its_publisher(client, demo, settings):
    documents = json_ld(client, "/")

    site = of_type(documents, "WebSite")
    organization = of_type(documents, "NewsMediaOrganization")
    assert site["name"] == organization["name"] == "The Northgate Courier"
    assert site["url"] == organization["url"] == settings.NEWSDESK_BASE_URL + "/"
    assert site["inLanguage"] == "en"
    assert "potentialAction" not in site  # a SearchAction joins once the site has search


def test_every_demo_page_has_json_ld_that_parses(client, demo):
    paths = ["/", "/latest/", "/about/", *(a.get_absolute_url() for a in Article.objects.published())]
    paths += ["/section/world/", "/tag/iran/", "/author/ahmed-hassan/"]
    for path in paths:
        documents = json_ld(client, path)
        assert documents, path
        assert all(doc["@context"] == "https://schema.org" and doc["@type"] for doc in documents), path


def test_json_ld_cannot_close_its_script_element(client):
    article = ArticleFactory(headline="</script><script>alert(1)</script> & more", dek="<b>bold</b>")

    response = client.get(article.get_absolute_url())
    head = BeautifulSoup(response.content, "html.parser").head
    [script] = [s for s in head.find_all("script", type="application/ld+json") if "NewsArticle" in s.string]

    assert "</script><script>" not in response.content.decode()
    assert "<" not in script.string and ">" not in script.string and "&" not in script.string.replace("\\u0026", "")
    assert json.loads(script.string)["headline"] == "</script><script>alert(1)</script> & more"


def test_script_json_escapes_angle_brackets_and_ampersands():
    assert to_script_json({"a": "<&>"}) == '{"a": "\\u003C\\u0026\\u003E"}'


def test_structured_data_holds_nothing_about_the_reader(client, django_user_model):
    user = django_user_model.objects.create_user("reader", email="reader@example.org", password="correct horse battery")
    client.force_login(user)
    article = ArticleFactory(authors=[AuthorFactory(name="Ada Jones")])

    scripts = "".join(json.dumps(doc) for doc in json_ld(client, article.get_absolute_url()))

    assert "reader" not in scripts and "example.org" not in scripts
    assert "sessionid" not in scripts and "csrf" not in scripts.lower()


def test_the_publishers_own_logo_is_used_when_it_has_one(client, demo, settings):
    publication = Publication.objects.current()
    publication.logo = Author.objects.get(slug="ahmed-hassan").photo
    publication.save()

    publisher = of_type(json_ld(client, "/"), "NewsMediaOrganization")

    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": settings.NEWSDESK_BASE_URL + publication.logo.file.url,
        "width": publication.logo.width,
        "height": publication.logo.height,
    }
