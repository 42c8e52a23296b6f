"""Real image files for the media library's tests: good ones in every accepted format, and the bad
ones an upload form meets (cut short, bombs, SVG, other types), each written out as bytes."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its files in a media folder of its own, so "nothing stored" can be checked."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("picture-editor", "pe@example.org", "x" * 16))
    return client


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def picture(size=(1000, 600), mode="RGB", color=(200, 60, 40)) -> PILImage.Image:
    """A picture with a distinct top-left corner, so rotation can be seen in the pixels."""
    image = PILImage.new(mode, size, color if mode != "RGBA" else (*color[:3], 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(0, 0, 255) if mode != "L" else 0)
    return image


def encode(image: PILImage.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def jpeg(size=(1000, 600), **options) -> bytes:
    return encode(picture(size), "JPEG", quality=90, **options)


def png(size=(1000, 600), mode="RGB", **options) -> bytes:
    return encode(picture(size, mode), "PNG", **options)


def webp(size=(1000, 600)) -> bytes:
    return encode(picture(size), "WEBP", quality=80)


def gif(size=(300, 200), frames=1) -> bytes:
    first, *rest = [picture(size, color=(40 * i % 255, 90, 160)).convert("P") for i in range(frames)]
    return encode(first, "GIF", save_all=frames > 1, append_images=rest, duration=120, loop=0)


def jpeg_with_exif(size=(1000, 600), orientation=6) -> bytes:
    """A camera JPEG: rotated by EXIF orientation, with the camera's make, the photographer and a GPS position."""
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "SecretCam"  # Make
    exif[0x013B] = "Anonymous Source"  # Artist
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS
    return encode(picture(size), "JPEG", quality=90, exif=exif.tobytes())


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side=30_000) -> bytes:
    """A real, complete PNG of side × side one-bit black pixels: some kilobytes on disk, hundreds of
    megapixels once decoded."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", body) + png_chunk(b"IEND", b"")


SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script>
<rect width="100" height="100" fill="red"/></svg>
"""


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
