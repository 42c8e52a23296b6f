"""The demo's drawn images reach the library as any upload does: checked, re-encoded, with renditions."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from newsdesk.media.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings):
    """The run's shared media folder: the demo's drawings are made once for the whole run."""
    return settings.MEDIA_ROOT


def test_demo_images_are_stored_under_generated_names_with_renditions(demo):
    images = list(Image.objects.prefetch_related("renditions"))

    assert images and all(image.file.name.startswith("images/") for image in images)
    assert all(image.renditions.all() for image in images)


def test_the_demo_story_page_offers_renditions(oman_story, client):
    page = BeautifulSoup(client.get(oman_story.get_absolute_url()).content, "html.parser")

    picture = page.select_one(".article__lead picture")
    assert picture.source["type"] == "image/webp"
    assert "1600w" in picture.source["srcset"]


def test_loading_the_demo_twice_keeps_one_image_each(demo):
    from newsdesk.demo.loader import load_demo

    count = Image.objects.count()
    load_demo()

    assert Image.objects.count() == count
