"""Pillow's side of the media library: check an upload, re-encode it clean, draw its renditions.

No database and no storage here: bytes in, bytes out, so every rule can be tested on real files.
Hostile files are the normal case for an upload form, so Pillow only ever sees the four accepted
formats (a TIFF or EPS parser never runs on an upload), the pixel count is checked from the header
before anything is decoded, and nothing of the uploaded file but its pixels reaches the output.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow format name → (file extension, MIME type). The order is the one messages list them in.
FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
}
ACCEPTED = "JPEG, PNG, WebP or GIF"
# What survives re-encoding from the uploaded file's own information: what the pixels need to look
# the same (a palette's transparent colour, an animation's timing), nothing about who made them.
_KEPT_INFO = ("transparency", "duration", "loop", "background")
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Encoded:
    """An image as stored: its bytes, Pillow format name and pixel size."""

    content: bytes
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.format][0]


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def looks_like_svg(data: bytes, name: str = "") -> bool:
    """SVG (or gzipped SVGZ) by its name or its first bytes: XML whose first element is <svg>."""
    if name.lower().rstrip(". ").endswith((".svg", ".svgz")):
        return True
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in head


def check(data: bytes, *, name: str = "", max_pixels: int) -> tuple[str, int, int]:
    """Refuse SVG, anything but a JPEG, PNG, WebP or GIF, more than `max_pixels` (from the header,
    before decoding) and broken structure or checksums; return (format, width, height). A file cut
    short can pass this: decoding it (`reencode`) finds that."""
    if looks_like_svg(data, name):
        raise refuse(
            "SVG images are not accepted: an SVG file can carry scripts that would run on the site. "
            "Export it as PNG and upload that.",
            "svg",
        )
    with _opened(data) as image:
        format, frames = image.format, getattr(image, "n_frames", 1)
        width, height = image.size
        if width * height * frames > max_pixels:
            raise _too_many_pixels(width, height, frames, max_pixels)
        try:
            image.verify()  # checksums and structure, without decoding pixels
        except Exception as error:
            raise _damaged(error) from None
    return format, width, height


def reencode(data: bytes, *, name: str = "", max_pixels: int) -> Encoded:
    """Check the upload and decode every frame (a file cut short fails here), then write the pixels
    afresh: turned upright, in sRGB, without EXIF, GPS, colour profile, comments or anything else the
    file carried."""
    format, _, _ = check(data, name=name, max_pixels=max_pixels)
    with _opened(data) as image:
        try:
            frames = [_clean(frame) for frame in _frames(image)]
        except Exception as error:
            raise _damaged(error) from None
        return _encode(frames, format, quality=85)


def renditions(data: bytes, plan: list[tuple[int, str]]) -> Iterator[tuple[int, str, Encoded]]:
    """Each (width, format) of `plan` drawn from the stored image `data`: decoded once, scaled once
    per width (from the full image, never from a smaller copy), encoded once per format."""
    with _opened(data) as image:
        widths = sorted({width for width, _ in plan}, reverse=True)
        full = image.size
        if image.format == "JPEG":
            # libjpeg decodes straight to 1/2, 1/4 or 1/8 scale when the widest rendition allows it:
            # far faster on camera-sized photos, and LANCZOS still does the final scaling.
            image.draft(None, scaled_size(*full, widths[0]))
        frames = _frames(image)
        for width in widths:
            size = scaled_size(*full, width)
            scaled = [_scaled(frame, size) for frame in frames]
            for format in [f for w, f in plan if w == width]:
                yield width, format, _encode(scaled, format, quality=80 if format == "WEBP" else 82)


def rendition(data: bytes, *, width: int, format: str) -> Encoded:
    """The stored image `data` scaled to `width` pixels wide (never wider than it is) as `format`."""
    return next(renditions(data, [(width, format)]))[2]


def scaled_size(width: int, height: int, to_width: int) -> tuple[int, int]:
    """The size of a rendition `to_width` wide, as `rendition` makes it."""
    to_width = min(to_width, width)
    return to_width, max(1, round(height * to_width / width))


# --- opening -------------------------------------------------------------------------------------


class _opened:
    """Image.open restricted to the accepted formats, with Pillow's errors turned into clear refusals."""

    def __init__(self, data: bytes):
        self.data = data

    def __enter__(self) -> Image.Image:
        with warnings.catch_warnings():
            # Our own pixel limit (checked next) decides; Pillow's warning threshold is not ours.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            try:
                self.image = Image.open(io.BytesIO(self.data), formats=list(FORMATS))
            except Image.DecompressionBombError:
                raise refuse(
                    "This file declares an image far larger than its size allows (a decompression bomb), "
                    "so it was not opened.",
                    "decompression_bomb",
                ) from None
            except UnidentifiedImageError:
                raise refuse(
                    f"This file is not a {ACCEPTED} image (or it is damaged beyond reading). "
                    "Upload a photo or graphic in one of those formats.",
                    "not_an_image",
                ) from None
            except Exception as error:
                raise _damaged(error) from None
        return self.image

    def __exit__(self, *exc) -> None:
        self.image.close()


def _too_many_pixels(width: int, height: int, frames: int, max_pixels: int) -> ValidationError:
    size = f"{width:,} × {height:,} pixels" + (f" in {frames:,} frames" if frames > 1 else "")
    return refuse(
        f"This image is {size}, more than the {max_pixels / 1_000_000:g} megapixels allowed. "
        "Make it smaller and upload it again.",
        "too_many_pixels",
    )


def _damaged(error: Exception) -> ValidationError:
    if isinstance(error, ValidationError):
        return error
    if isinstance(error, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return refuse("This file declares an image far larger than its size allows (a decompression bomb).",
                      "decompression_bomb")  # fmt: skip
    return refuse(
        "This image file is damaged or incomplete (was the upload cut short?). Save it again and upload the new file.",
        "damaged",
    )


def _frames(image: Image.Image) -> list[Image.Image]:
    if getattr(image, "n_frames", 1) == 1:
        image.load()
        return [image]
    return [frame.copy() for frame in ImageSequence.Iterator(image)]


# --- cleaning and encoding -------------------------------------------------------------------------


def _clean(frame: Image.Image) -> Image.Image:
    kept = {key: frame.info[key] for key in _KEPT_INFO if key in frame.info}
    upright = ImageOps.exif_transpose(frame)  # the EXIF orientation applied to the pixels
    profile = frame.info.get("icc_profile")
    if profile and upright.mode in ("RGB", "RGBA", "CMYK"):
        upright = _to_srgb(upright, profile)
    elif upright.mode == "CMYK":
        upright = upright.convert("RGB")
    upright.info = kept
    return upright


def _to_srgb(image: Image.Image, profile: bytes) -> Image.Image:
    """Pixels converted from the embedded colour profile to sRGB, so the picture looks the same once
    the profile is dropped (a wide-gamut phone photo would otherwise turn dull)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode) or image
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken profile is the uploader's problem, not a reason to refuse their picture.
        return image.convert("RGB") if image.mode == "CMYK" else image


def _scaled(frame: Image.Image, size: tuple[int, int]) -> Image.Image:
    kept = {key: frame.info[key] for key in ("duration", "loop") if key in frame.info}
    if frame.mode not in ("RGB", "RGBA", "L"):
        frame = frame.convert("RGBA" if _has_alpha(frame) else "RGB")
    scaled = frame.resize(size, Image.LANCZOS, reducing_gap=3.0) if frame.size != size else frame.copy()
    scaled.info = kept
    return scaled


def _has_alpha(frame: Image.Image) -> bool:
    return frame.mode in ("RGBA", "LA", "PA", "RGBa") or "transparency" in frame.info


def _for_format(frame: Image.Image, format: str) -> Image.Image:
    """The frame in a mode `format` can store."""
    if format == "JPEG":
        return frame if frame.mode in ("RGB", "L") else frame.convert("RGB")
    if format == "WEBP":
        return frame if frame.mode in ("RGB", "RGBA") else frame.convert("RGBA" if _has_alpha(frame) else "RGB")
    if format == "PNG":
        return frame if frame.mode in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16", "I") else frame.convert("RGBA")
    return frame  # GIF: Pillow quantises RGB(A) itself, keeping transparency


def _encode(frames: list[Image.Image], format: str, *, quality: int) -> Encoded:
    frames = [_for_format(frame, format) for frame in frames]
    first = frames[0]
    options: dict = {
        "JPEG": {"quality": quality, "progressive": True},  # progressive: optimised tables too
        "PNG": {"optimize": False, "compress_level": 6},
        "WEBP": {"quality": quality, "method": 4},
        "GIF": {"optimize": False},
    }[format]
    if format == "PNG" and "transparency" in first.info:
        options["transparency"] = first.info["transparency"]
    if len(frames) > 1 and format in ("PNG", "WEBP", "GIF"):
        options |= {
            "save_all": True,
            "append_images": frames[1:],
            "duration": [frame.info.get("duration", 100) for frame in frames],
            "loop": first.info.get("loop", 0),
        }
    buffer = io.BytesIO()
    first.save(buffer, format, **options)
    return Encoded(buffer.getvalue(), format, first.width, first.height)

