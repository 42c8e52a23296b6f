"""Renditions: made in the background after an upload, at the configured widths no wider than the
image, in WebP and the image's own format; the pages showing the image are re-baked when they exist."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from newsdesk.media import services
from newsdesk.media.models import Image, Rendition
from newsdesk.media.tasks import make_renditions_task
from tests.media.conftest import gif, jpeg, png, upload, webp

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(django_capture_on_commit_callbacks):
    """Store an upload and run what its commit starts (the renditions task, on the immediate backend)."""

    def store(content: bytes, name="photo.jpg") -> Image:
        with django_capture_on_commit_callbacks(execute=True):
            image = services.store_upload(upload(content, name), alt_text="A photo")
        return image

    return store


def made(image: Image) -> list[tuple[int, str]]:
    return sorted(image.renditions.values_list("width", "format"))


def test_an_upload_gets_its_renditions_in_the_background(uploaded):
    image = uploaded(jpeg((2000, 1000)))

    assert made(image) == sorted((w, f) for w in (480, 800, 1200, 1600) for f in ("JPEG", "WEBP"))


def test_renditions_are_never_wider_than_the_image(uploaded):
    image = uploaded(jpeg((1000, 600)))

    assert made(image) == sorted((w, f) for w in (480, 800, 1000) for f in ("JPEG", "WEBP"))


def test_a_small_image_gets_renditions_at_its_own_width(uploaded):
    image = uploaded(png((300, 300)), "icon.png")

    assert made(image) == [(300, "PNG"), (300, "WEBP")]


def test_a_webp_image_gets_webp_renditions_only(uploaded):
    image = uploaded(webp((1000, 600)), "a.webp")

    assert {f for _, f in made(image)} == {"WEBP"}


def test_each_rendition_file_has_the_size_and_format_recorded(uploaded):
    image = uploaded(jpeg((2000, 1000)))

    for rendition in image.renditions.all():
        with rendition.file.open("rb") as handle:
            stored = PILImage.open(io.BytesIO(handle.read()))
        assert stored.format == rendition.format
        assert stored.size == (rendition.width, rendition.height)
        assert rendition.height == round(1000 * rendition.width / 2000)


def test_an_animated_gif_gets_animated_renditions(uploaded):
    image = uploaded(gif((600, 400), frames=3), "spinner.gif")

    rendition = image.renditions.get(width=480, format="GIF")
    with rendition.file.open("rb") as handle:
        assert PILImage.open(io.BytesIO(handle.read())).n_frames == 3


def test_nothing_is_made_before_the_upload_commits():
    image = services.store_upload(upload(jpeg()), alt_text="A photo")  # on_commit never runs here

    assert not image.renditions.exists()


def test_running_the_task_twice_makes_each_rendition_once(uploaded):
    image = uploaded(jpeg())
    count = image.renditions.count()

    make_renditions_task.call(image.pk)

    assert image.renditions.count() == count


def test_a_rendition_already_drawn_is_not_drawn_again(uploaded, media_root):
    image = uploaded(jpeg())
    rendition = image.renditions.get(width=480, format="WEBP")
    path = media_root / rendition.file.name
    written = path.stat().st_mtime_ns
    image.renditions.all().delete()

    services.make_renditions(image)

    assert path.stat().st_mtime_ns == written
    assert image.renditions.get(width=480, format="WEBP").height == rendition.height


def test_the_task_for_a_deleted_image_does_nothing(uploaded):
    image = uploaded(jpeg())
    pk = image.pk
    image.delete()

    assert make_renditions_task.call(pk) == 0


def test_the_task_for_an_image_whose_file_is_lost_fails_quietly(media_root):
    image = services.store_upload(upload(jpeg()), alt_text="A photo")
    (media_root / image.file.name).unlink()

    assert make_renditions_task.call(image.pk) == 0
    assert not image.renditions.exists()


def test_deleting_an_image_deletes_its_renditions(uploaded):
    image = uploaded(jpeg())

    image.delete()

    assert not Rendition.objects.exists()


def test_making_renditions_announces_the_image_changed(django_capture_on_commit_callbacks):
    from newsdesk.content.signals import content_changed

    image = services.store_upload(upload(jpeg()), alt_text="A photo")
    heard = []

    def listen(sender, instance, **kwargs):
        heard.append(instance)

    content_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.make_renditions(image)
    finally:
        content_changed.disconnect(listen)

    assert heard == [image]


def test_nothing_is_announced_when_no_rendition_was_missing(uploaded, django_capture_on_commit_callbacks):
    image = uploaded(jpeg())

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.make_renditions(image)

    assert callbacks == []


def test_the_renditions_command_makes_what_is_missing(capsys):
    from django.core.management import call_command

    image = services.store_upload(upload(jpeg()), alt_text="A photo")

    call_command("renditions")

    assert image.renditions.count() == 6
    assert "6 renditions made" in capsys.readouterr().out
