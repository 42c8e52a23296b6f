"""Uploading to the media library: only whole, real JPEG, PNG, WebP and GIF images within the limits
are stored, re-encoded without their metadata, under a name newsdesk makes."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

from newsdesk.media import services
from newsdesk.media.models import Image
from tests.media.conftest import (
    SVG, gif, jpeg, jpeg_with_exif, png, png_bomb, png_chunk, stored_files, upload, webp,
)  # fmt: skip

pytestmark = pytest.mark.django_db


def refused(content: bytes, name="photo.jpg", **texts) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        services.store_upload(upload(content, name), **({"alt_text": "A photo"} | texts))
    return caught.value


def opened(image: Image) -> PILImage.Image:
    with image.file.open("rb") as handle:
        return PILImage.open(io.BytesIO(handle.read()))


@pytest.mark.parametrize(
    ("content", "name", "format"),
    [(jpeg(), "a.jpg", "JPEG"), (png(), "a.png", "PNG"), (webp(), "a.webp", "WEBP"), (gif(), "a.gif", "GIF")],
)
def test_each_accepted_format_is_stored_with_its_size(content, name, format):
    image = services.store_upload(upload(content, name), alt_text="Flames over the harbour")

    assert opened(image).format == format
    assert (image.width, image.height) == ((300, 200) if format == "GIF" else (1000, 600))
    assert Image.objects.get().alt_text == "Flames over the harbour"


def test_caption_credit_and_uploader_are_kept(django_user_model):
    editor = django_user_model.objects.create_user("photo-desk", password="x" * 16)

    image = services.store_upload(upload(jpeg()), alt_text="Harbour", caption="At dawn", credit="Photo: R. Diaz",
                                  user=editor)  # fmt: skip

    image.refresh_from_db()
    assert (image.caption, image.credit, image.uploaded_by) == ("At dawn", "Photo: R. Diaz", editor)


def test_an_animated_gif_keeps_its_frames():
    image = services.store_upload(upload(gif(frames=3), "spinner.gif"), alt_text="Loading")

    assert opened(image).n_frames == 3


# --- refused files: a clear message, nothing stored ---------------------------------------------------


def test_a_text_file_named_jpg_is_refused_and_nothing_is_stored(media_root):
    error = refused(b"Just some notes, not a picture at all.\n" * 20, "notes.jpg")

    assert error.code == "not_an_image"
    assert "not a JPEG, PNG, WebP or GIF image" in error.messages[0]
    assert stored_files(media_root) == [] and not Image.objects.exists()


def test_a_pdf_is_refused():
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

    assert refused(pdf, "scan.pdf").code == "not_an_image"


@pytest.mark.parametrize("format", ["TIFF", "BMP"])
def test_a_real_image_of_another_type_is_refused(format):
    buffer = io.BytesIO()
    PILImage.new("RGB", (50, 50), "green").save(buffer, format)

    error = refused(buffer.getvalue(), f"scan.{format.lower()}")

    assert error.code == "not_an_image"


def test_an_svg_is_refused_with_the_reason(media_root):
    error = refused(SVG, "logo.svg")

    assert error.code == "svg"
    assert "SVG images are not accepted" in error.messages[0] and "PNG" in error.messages[0]
    assert stored_files(media_root) == []


def test_an_svg_named_png_is_still_refused_as_svg():
    assert refused(SVG, "logo.png").code == "svg"


def test_a_truncated_jpeg_is_refused_and_nothing_is_stored(media_root):
    whole = jpeg()

    error = refused(whole[: len(whole) // 2])

    assert error.code == "damaged"
    assert "damaged or incomplete" in error.messages[0]
    assert stored_files(media_root) == [] and not Image.objects.exists()


def test_a_truncated_png_is_refused():
    whole = png()

    assert refused(whole[: len(whole) * 2 // 3], "cut.png").code == "damaged"


def test_a_png_with_a_corrupted_checksum_is_refused():
    whole = bytearray(png())
    whole[60] ^= 0xFF  # inside the first IDAT chunk's data: its CRC no longer matches

    assert refused(bytes(whole), "bad.png").code == "damaged"


def test_a_decompression_bomb_is_refused_without_being_decoded(media_root):
    bomb = png_bomb()
    assert len(bomb) < 200_000  # kilobytes on disk, 900 megapixels decoded

    error = refused(bomb, "bomb.png")

    assert error.code == "decompression_bomb"
    assert "decompression bomb" in error.messages[0]
    assert stored_files(media_root) == []


def test_an_image_over_the_pixel_limit_is_refused_with_its_size(settings):
    settings.NEWSDESK_MAX_IMAGE_PIXELS = 500_000

    error = refused(jpeg((1000, 600)))

    assert error.code == "too_many_pixels"
    assert "1,000 × 600 pixels" in error.messages[0] and "0.5 megapixels" in error.messages[0]


def test_an_animation_counts_the_pixels_of_every_frame(settings):
    settings.NEWSDESK_MAX_IMAGE_PIXELS = 300 * 200 * 4

    assert refused(gif(frames=5), "long.gif").code == "too_many_pixels"


def test_a_file_over_the_byte_limit_is_refused_with_both_sizes(settings, media_root):
    settings.NEWSDESK_MAX_UPLOAD_BYTES = 2_000
    content = jpeg()

    error = refused(content)

    assert error.code == "too_large"
    assert f"{len(content) / 1_000_000:.1f} MB" in error.messages[0] and "limit is 0.0 MB" in error.messages[0]
    assert stored_files(media_root) == []


def test_a_file_whose_stated_size_lies_is_still_cut_at_the_limit(settings):
    settings.NEWSDESK_MAX_UPLOAD_BYTES = 2_000
    file = upload(jpeg())
    file.size = 10  # a client or importer that reports the wrong length

    with pytest.raises(ValidationError) as caught:
        services.store_upload(file, alt_text="A photo")

    assert caught.value.code == "too_large"


def test_an_empty_file_is_refused():
    assert refused(b"").code == "empty"


@pytest.mark.parametrize("alt_text", ["", "   \n\t "])
def test_alt_text_is_required(alt_text, media_root):
    error = refused(jpeg(), alt_text=alt_text)

    assert "alt_text" in error.message_dict
    assert stored_files(media_root) == [] and not Image.objects.exists()


# --- re-encoding ----------------------------------------------------------------------------------


def test_exif_and_gps_are_removed():
    image = services.store_upload(upload(jpeg_with_exif()), alt_text="A photo")

    stored = opened(image)
    assert not stored.getexif()
    assert "exif" not in stored.info
    with image.file.open("rb") as handle:
        raw = handle.read()
    assert b"SecretCam" not in raw and b"Anonymous Source" not in raw


def test_the_exif_orientation_is_applied_to_the_pixels():
    image = services.store_upload(upload(jpeg_with_exif((1000, 600), orientation=6)), alt_text="A photo")

    stored = opened(image).convert("RGB")
    assert (image.width, image.height) == (600, 1000) == stored.size
    # The blue corner was top left; turned 90° clockwise it is top right.
    assert stored.getpixel((590, 10))[2] > 200 and stored.getpixel((10, 10))[2] < 100


def test_png_text_chunks_are_removed():
    content = png()
    text = png_chunk(b"tEXt", b"Author\x00Confidential Source")
    content = content[:33] + text + content[33:]  # after the IHDR chunk

    image = services.store_upload(upload(content, "chart.png"), alt_text="A chart")

    with image.file.open("rb") as handle:
        assert b"Confidential Source" not in handle.read()


def test_a_colour_profile_is_converted_to_srgb_and_dropped():
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

    image = services.store_upload(upload(jpeg(icc_profile=profile)), alt_text="A photo")

    stored = opened(image)
    assert "icc_profile" not in stored.info
    assert stored.convert("RGB").getpixel((900, 500)) == pytest.approx((200, 60, 40), abs=6)


def test_transparency_survives_re_encoding():
    image = services.store_upload(upload(png(mode="RGBA"), "logo.png"), alt_text="Logo")

    assert opened(image).mode == "RGBA"


def test_the_stored_file_is_a_new_encoding_not_the_uploaded_bytes():
    content = jpeg_with_exif()

    image = services.store_upload(upload(content), alt_text="A photo")

    with image.file.open("rb") as handle:
        assert handle.read() != content


# --- names --------------------------------------------------------------------------------------------


HOSTILE_NAMES = [
    "../../../../etc/passwd.jpg",
    "..\\..\\..\\windows\\win.ini.jpg",
    "/etc/cron.d/evil.jpg",
    "C:\\Users\\Public\\evil.jpg",
    "photo.jpg\x00.php",
    "photo.php.jpg",
    ".htaccess",
    "%2e%2e%2f%2e%2e%2fescape.jpg",
    "\u202egpj.exe",
    "ｆｕｌｌｗｉｄｔｈ／／..／x.jpg",
    "a" * 500 + ".jpg",
    "",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_an_uploaded_name_never_leaves_the_media_folder(name, media_root, tmp_path):
    image = services.store_upload(upload(jpeg(), name or "x"), alt_text="A photo")

    path = (media_root / image.file.name).resolve()
    assert path.is_file() and path.is_relative_to(media_root.resolve() / "images")
    assert [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(media_root)] == []
    assert all(c.isascii() and (c.isalnum() or c in "-_./") for c in image.file.name)
    assert image.file.name.endswith(".jpg")


def test_the_stored_extension_follows_the_content_not_the_name():
    image = services.store_upload(upload(png(), "holiday.gif.jpg"), alt_text="A photo")

    assert image.file.name.endswith(".png")


def test_the_uploaded_name_is_kept_for_searching_without_its_folders():
    image = services.store_upload(upload(jpeg(), "../../Harbour fire 2026.JPG"), alt_text="A photo")

    assert image.original_name == "Harbour fire 2026.JPG"
    assert "harbour-fire-2026-" in image.file.name


def test_the_same_file_uploaded_twice_is_stored_once(media_root):
    first = services.store_upload(upload(jpeg(), "a.jpg"), alt_text="First use")
    second = services.store_upload(upload(jpeg(), "a.jpg"), alt_text="Second use")

    assert first.pk != second.pk and first.file.name == second.file.name
    assert len([f for f in stored_files(media_root) if f.startswith("images/")]) == 1
    assert (second.width, second.height) == (1000, 600)


def test_a_stored_duplicate_is_checked_against_todays_pixel_limit(settings):
    services.store_upload(upload(jpeg(), "a.jpg"), alt_text="First use")
    settings.NEWSDESK_MAX_IMAGE_PIXELS = 100_000

    assert refused(jpeg(), "a.jpg").code == "too_many_pixels"


def test_replacing_the_file_keeps_the_texts_and_drops_old_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = services.store_upload(upload(jpeg()), alt_text="Harbour", caption="At dawn")
    old_name = image.file.name
    assert image.renditions.exists()

    with django_capture_on_commit_callbacks(execute=False):
        services.save_upload(image, services.prepare_upload(upload(png((500, 500)), "new.png")))

    image.refresh_from_db()
    assert image.file.name != old_name and image.file.name.endswith(".png")
    assert (image.alt_text, image.caption, image.width) == ("Harbour", "At dawn", 500)
    assert not image.renditions.exists()


def test_a_cmyk_jpeg_from_print_is_stored_as_rgb():
    from tests.media.conftest import encode, picture

    content = encode(picture().convert("CMYK"), "JPEG", quality=90)

    image = services.store_upload(upload(content, "print.jpg"), alt_text="From the print edition")

    assert opened(image).mode == "RGB"


@pytest.mark.parametrize("mode", ["P", "LA", "L", "1"])
def test_pngs_of_every_common_mode_are_accepted_and_get_renditions(mode, django_capture_on_commit_callbacks):
    from tests.media.conftest import encode, picture

    content = encode(picture((600, 400)).convert(mode), "PNG")

    with django_capture_on_commit_callbacks(execute=True):
        image = services.store_upload(upload(content, "chart.png"), alt_text="A chart")

    assert sorted(image.renditions.values_list("width", flat=True)) == [480, 480, 600, 600]
