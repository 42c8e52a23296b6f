"""An editor can work in the admin: every model has a usable list and form, and saving keeps addresses."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from newsdesk.content.models import Article, ArticleSlugHistory, Publication
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

MODELS = ["content.article", "content.author", "content.section", "content.tag", "content.page", "media.image"]
READ_ONLY = ["publishing.bakerequest", "publishing.bakedpage", "publishing.gonepage"]


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", password="correct horse battery staple")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_each_models_list_and_add_form_open(editor_client, model):
    app, name = model.split(".")
    ArticleFactory()

    assert editor_client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200


@pytest.mark.parametrize("model", READ_ONLY)
def test_the_bakers_records_can_be_read_but_not_edited(editor_client, model):
    app, name = model.split(".")

    assert editor_client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 403


def test_the_article_list_can_be_searched_and_filtered(editor_client):
    ArticleFactory(headline="Harbour bridge reopens")
    ArticleFactory(headline="Schools budget", status=Article.Status.DRAFT, published_at=None)
    url = reverse("admin:content_article_changelist")

    found = editor_client.get(url, {"q": "harbour"}).content.decode()
    drafts = editor_client.get(url, {"status__exact": "draft"}).content.decode()

    assert "Harbour bridge reopens" in found and "Schools budget" not in found
    assert "Schools budget" in drafts and "Harbour bridge reopens" not in drafts


def test_the_publication_list_goes_straight_to_its_settings(editor_client, publication):
    response = editor_client.get(reverse("admin:content_publication_changelist"))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:content_publication_change", args=[publication.pk])


def test_an_article_written_in_the_admin_is_published_with_its_byline(editor_client):
    section, author = SectionFactory(), AuthorFactory(name="Mina Farouk")
    form = {
        "headline": "Harbour bridge reopens",
        "dek": "",
        "slug": "harbour-bridge-reopens",
        "body": "## Traffic\n\n" + "word " * 500,
        "section": section.pk,
        "language": "",
        "_workflow": "publish",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": author.pk,
        "bylines-0-credit": "",
        "bylines-0-position": "0",
    }

    response = editor_client.post(reverse("admin:content_article_add"), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="harbour-bridge-reopens")
    assert article.is_public and article.reading_time == 3
    assert [line.author for line in article.bylines.all()] == [author]


def test_changing_a_slug_in_the_admin_keeps_the_old_address(editor_client):
    article = ArticleFactory(slug="old-slug")
    byline = article.bylines.get()
    data = {
        "headline": article.headline,
        "dek": article.dek,
        "slug": "new-slug",
        "body": article.body,
        "section": article.section_id,
        "language": "",
        "base_version": article.version,
        "_workflow": "update",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": byline.pk,
        "bylines-0-article": article.pk,
        "bylines-0-author": byline.author_id,
        "bylines-0-credit": "",
        "bylines-0-position": "0",
    }

    response = editor_client.post(reverse("admin:content_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert ArticleSlugHistory.objects.get(slug="old-slug").article == article


def test_a_second_publication_cannot_be_added(editor_client, publication):
    assert editor_client.get(reverse("admin:content_publication_add")).status_code == 403
    assert Publication.objects.count() == 1


def test_a_reserved_path_cannot_be_a_page_slug(editor_client):
    response = editor_client.post(
        reverse("admin:content_page_add"), {"title": "Admin", "slug": "admin", "body": "x", "is_published": "on"}
    )

    assert response.status_code == 200
    assert "is a path the site uses itself" in response.content.decode()


def test_slugs_are_prefilled_from_the_headline(editor_client):
    page = BeautifulSoup(editor_client.get(reverse("admin:content_article_add")).content, "html.parser")

    constants = page.find("script", id="django-admin-prepopulated-fields-constants")
    fields = json.loads(constants["data-prepopulated-fields"])
    assert {"id": "#id_slug", "dependency_ids": ["#id_headline"]}.items() <= fields[0].items()
