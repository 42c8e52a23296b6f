"""The theme shows library images with `srcset` and `sizes` from their renditions, and width and
height so the page keeps their place; before the renditions exist, the stored file itself."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from newsdesk.media import services
from tests.factories import ArticleFactory
from tests.media.conftest import jpeg, upload

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> BeautifulSoup:
    return BeautifulSoup(Template("{% load media %}" + source).render(Context(context)), "html.parser")


@pytest.fixture
def image():
    return services.store_upload(upload(jpeg((2000, 1000))), alt_text='Crowds at the "harbour" <gate>')


@pytest.fixture
def with_renditions(image, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.make_renditions(image)
    return image


def test_before_renditions_exist_the_stored_file_is_shown_with_its_size(image):
    html = render('{% responsive_image image sizes="100vw" %}', image=image)

    img = html.img
    assert html.picture is None
    assert img["src"] == image.file.url
    assert (img["width"], img["height"]) == ("2000", "1000")
    assert "srcset" not in img.attrs


def test_with_renditions_browsers_are_offered_every_width_in_webp_and_jpeg(with_renditions):
    html = render('{% responsive_image image sizes="(min-width: 46rem) 42rem, 100vw" %}', image=with_renditions)

    source, img = html.picture.source, html.picture.img
    assert source["type"] == "image/webp"
    assert [entry.split()[1] for entry in source["srcset"].split(", ")] == ["480w", "800w", "1200w", "1600w"]
    assert all(entry.split()[0].endswith(".webp") for entry in source["srcset"].split(", "))
    assert all(entry.split()[0].endswith(".jpg") for entry in img["srcset"].split(", "))
    assert source["sizes"] == img["sizes"] == "(min-width: 46rem) 42rem, 100vw"
    assert img["src"].endswith("-1600w.jpg")


def test_width_and_height_keep_the_images_proportions(with_renditions):
    img = render("{% responsive_image image %}", image=with_renditions).img

    assert (img["width"], img["height"]) == ("2000", "1000")


def test_the_alt_text_is_the_images_own_and_escaped(with_renditions):
    raw = Template("{% load media %}{% responsive_image image %}").render(Context({"image": with_renditions}))

    assert 'alt="Crowds at the &quot;harbour&quot; &lt;gate&gt;"' in raw


def test_an_empty_alt_is_kept_for_images_that_repeat_a_link(with_renditions):
    raw = Template('{% load media %}{% responsive_image image alt="" %}').render(Context({"image": with_renditions}))

    assert 'alt=""' in raw


def test_loading_and_class_go_on_the_img(with_renditions):
    img = render('{% responsive_image image class="card__photo" loading="lazy" %}', image=with_renditions).img

    assert img["class"] == ["card__photo"] and img["loading"] == "lazy"


def test_no_image_renders_nothing():
    assert render("{% responsive_image None %}").get_text() == ""


def test_the_article_page_offers_the_lead_images_renditions(with_renditions, client):
    article = ArticleFactory(lead_image=with_renditions)

    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")

    picture = page.select_one(".article__lead picture")
    assert "480w" in picture.source["srcset"] and picture.img["sizes"]
    assert picture.img["alt"] == with_renditions.alt_text
    assert picture.img["fetchpriority"] == "high"


def test_article_cards_offer_the_renditions_with_an_empty_alt(with_renditions, client):
    article = ArticleFactory(lead_image=with_renditions)

    page = BeautifulSoup(client.get(article.section.get_absolute_url()).content, "html.parser")

    img = page.select_one(".card__image picture img")
    assert img["alt"] == "" and "800w" in img["srcset"]


def test_the_baked_article_gains_srcset_once_the_renditions_are_made(image, settings, tmp_path,
                                                                       django_capture_on_commit_callbacks):  # fmt: skip
    from newsdesk.publishing import baker

    settings.NEWSDESK_OUTPUT_DIR = tmp_path / "output"
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(lead_image=image)
    path = article.get_absolute_url()
    baker.bake_all([path])
    baked = settings.NEWSDESK_OUTPUT_DIR / path.lstrip("/") / "index.html"
    assert b"srcset" not in baked.read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        services.make_renditions(image)

    assert b"-800w.webp 800w" in baked.read_bytes()
