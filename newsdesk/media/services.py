"""Every write to the media library: the admin, the API, importers and the demo all call these.

An upload is checked and re-encoded before anything is stored (`prepare_upload`), so a refused file
leaves no trace; the stored file's name is made here, never taken from the upload, so no name can
reach outside the media folder. Stored names carry a hash of the uploaded bytes: the same file
uploaded twice is stored once, and a rendition already drawn is never drawn again.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage

from newsdesk.content.services import announce_content_change
from newsdesk.media import processing
from newsdesk.media.models import PDF_EXTENSION, Document, Image, Rendition

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedImage:
    """A checked, re-encoded upload, not stored yet. `content` is None when the very same upload
    was stored before: its re-encoded file already sits under `name`."""

    name: str
    content: bytes | None
    width: int
    height: int
    format: str
    original_name: str


def prepare_upload(file) -> PreparedImage:
    """Read and check an uploaded file (Django UploadedFile, File or any binary file object) and
    re-encode it; raise ValidationError with a message for the uploader when it is refused."""
    limit = settings.NEWSDESK_MAX_UPLOAD_BYTES
    original_name = clean_original_name(getattr(file, "name", "") or "")
    size = getattr(file, "size", None)
    if isinstance(size, int) and size > limit:
        raise _too_large(size, limit)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)  # never more than the limit (and one byte to know it was passed)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    if not data:
        raise processing.refuse("The file is empty. Choose the image again and upload it.", "empty")
    digest = hashlib.sha256(data).hexdigest()
    known = _already_stored(data, digest, original_name)
    if known:
        return known
    encoded = processing.reencode(data, name=original_name, max_pixels=settings.NEWSDESK_MAX_IMAGE_PIXELS)
    return PreparedImage(
        name=stored_name(original_name, digest, encoded.extension),
        content=encoded.content,
        width=encoded.width,
        height=encoded.height,
        format=encoded.format,
        original_name=original_name,
    )


def store_upload(file, *, alt_text: str, caption: str = "", credit: str = "", user=None) -> Image:
    """Check, re-encode and store an uploaded image as a new library image; its renditions are made
    in the background. Raises ValidationError (nothing stored) when the file or the texts are refused."""
    image = Image(alt_text=alt_text, caption=caption, credit=credit)
    _check_texts(image)
    return save_upload(image, prepare_upload(file), user=user)


@transaction.atomic
def save_upload(image: Image, prepared: PreparedImage, *, user=None) -> Image:
    """Store a prepared upload as `image`'s file: a new image, or a new file for an existing one (whose
    old renditions go, and whose pages follow)."""
    replacing = image.pk is not None
    image.file.name = prepared.name
    image.width, image.height = prepared.width, prepared.height
    image.original_name = prepared.original_name
    if not replacing:
        image.uploaded_by = user if user is not None and user.is_authenticated else None
    _check_texts(image)
    wrote = _write_exactly(prepared.name, prepared.content) if prepared.content is not None else False
    try:
        image.save()
        if replacing:
            image.renditions.all().delete()
            announce_content_change(image)
    except BaseException:
        if wrote:
            default_storage.delete(prepared.name)
        raise
    queue_renditions(image)
    return image


PDF_SIGNATURE = b"%PDF-"


@dataclass(frozen=True)
class PreparedDocument:
    """A checked PDF, not stored yet."""

    content: bytes
    original_name: str


def prepare_document(file) -> PreparedDocument:
    """Read and check a PDF (an UploadedFile, File or binary file object); raise ValidationError with
    a message for the uploader when it is refused. Only PDFs: a document is served as it was given,
    so a file of any other kind could be a page or a program in disguise."""
    limit = settings.NEWSDESK_MAX_UPLOAD_BYTES
    size = getattr(file, "size", None)
    if isinstance(size, int) and size > limit:
        raise _too_large(size, limit)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    if not data.startswith(PDF_SIGNATURE):
        raise ValidationError("Only PDF documents can be stored, and this file is not one.", code="not_pdf")
    return PreparedDocument(data, clean_original_name(getattr(file, "name", "") or ""))


@transaction.atomic
def store_document(prepared: PreparedDocument, *, title: str, user=None) -> Document:
    """Store a checked PDF as a new library document; ValidationError (nothing stored) for a bad title.
    The same file stored twice is one file on disk."""
    document = Document(
        title=" ".join((title or "").split()),
        size=len(prepared.content),
        original_name=prepared.original_name,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    if not document.title:
        raise ValidationError({"title": "Say what the document is: lists of documents show this title."}, code="required")
    document.full_clean(exclude=["file"])
    digest = hashlib.sha256(prepared.content).hexdigest()
    document.file.name = stored_name(prepared.original_name, digest, PDF_EXTENSION, folder="documents")
    wrote = _write_exactly(document.file.name, prepared.content)
    try:
        document.save()
    except BaseException:
        if wrote:
            default_storage.delete(document.file.name)
        raise
    return document


def discard_unused_files(names) -> None:
    """Delete the stored files among `names` that no library image, rendition or document uses: what
    an upload or import wrote before its transaction was rolled back, what a deleted row used. A file
    another one shares (names follow content) stays."""
    names = set(names)
    if not names:
        return
    used = set()
    for model in (Image, Rendition, Document):
        used |= {*model.objects.filter(file__in=names).values_list("file", flat=True)}
    for name in names - used:
        default_storage.delete(name)


@transaction.atomic
def update_image(image: Image) -> Image:
    """Save changed alt text, caption or credit; the pages showing the image follow."""
    _check_texts(image)
    image.save()
    announce_content_change(image)
    return image


def queue_renditions(image: Image) -> None:
    """Ask the worker, once the caller commits, to make the image's missing renditions."""
    from newsdesk.media.tasks import make_renditions_task

    pk = image.pk
    transaction.on_commit(lambda: make_renditions_task.enqueue(pk))


def rendition_plan(image: Image) -> list[tuple[int, str]]:
    """(width, format) of every rendition the image should have: each configured width narrower than
    the image, plus the image's own width when it is within the largest; in WebP and its own format."""
    widths = [width for width in settings.NEWSDESK_IMAGE_WIDTHS if width < image.width]
    if 0 < image.width <= max(settings.NEWSDESK_IMAGE_WIDTHS):
        widths.append(image.width)
    formats = ["WEBP"] if image.format == "WEBP" else ["WEBP", image.format]
    return [(width, format) for format in formats for width in sorted(widths)]


def make_renditions(image: Image) -> list[Rendition]:
    """Draw and record the renditions the image lacks; when any were added, re-bake the pages showing
    it so they offer them. Safe to run twice at once: a rendition is recorded once. The drawing happens
    outside any transaction, so no database lock is held while Pillow works."""
    have = set(image.renditions.values_list("width", "format"))
    missing = [(width, format) for width, format in rendition_plan(image) if (width, format) not in have]
    if not missing:
        return []
    made, to_draw = [], []
    for width, format in missing:
        name = rendition_name(image, width, format)
        if default_storage.exists(name):  # drawn before, for this very file (the name says which)
            size = processing.scaled_size(image.width, image.height, width)
            made.append(Rendition(image=image, file=name, width=size[0], height=size[1], format=format))
        else:
            to_draw.append((width, format))
    if to_draw:
        with default_storage.open(image.file.name, "rb") as handle:
            original = handle.read()
        for width, format, encoded in processing.renditions(original, to_draw):
            name = rendition_name(image, width, format)
            _write_exactly(name, encoded.content)
            made.append(Rendition(image=image, file=name, width=encoded.width, height=encoded.height, format=format))
    with transaction.atomic():
        Rendition.objects.bulk_create(made, ignore_conflicts=True)
        announce_content_change(image)
    return made


# --- names ---------------------------------------------------------------------------------------


def clean_original_name(name: str) -> str:
    """The uploaded file's own name, kept only to be shown and searched: its last path part, without
    control or format characters, at most 255 characters. Never used to store anything."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return name.strip(" .")[:255]


def stored_name(original_name: str, digest: str, extension: str, *, folder: str = "images") -> str:
    """images/<2 hex>/<ascii slug of the uploaded name>-<16 hex of the upload's SHA-256>.<ext>: only
    [a-z0-9_-] comes from the upload, so the name cannot leave images/ (or documents/) or fool a file
    type check."""
    stem = slugify(PurePosixPath(original_name).stem)[:60].strip("-_") or folder.rstrip("s")
    return f"{folder}/{digest[:2]}/{stem}-{digest[:16]}.{extension}"


def rendition_name(image: Image, width: int, format: str) -> str:
    """renditions/<the image's name without images/ and extension>-<width>w.<ext>."""
    path = PurePosixPath(image.file.name)
    folder = str(path.parent).removeprefix("images").strip("/")
    base = f"{folder}/{path.stem}" if folder and folder != "." else path.stem
    return f"renditions/{base}-{width}w.{processing.FORMATS[format][0]}"


# --- helpers -------------------------------------------------------------------------------------


def _check_texts(image: Image) -> None:
    image.alt_text = (image.alt_text or "").strip()
    image.caption = (image.caption or "").strip()
    image.credit = (image.credit or "").strip()
    if not image.alt_text:
        raise ValidationError(
            {"alt_text": "Describe what the image shows: readers who cannot see it hear this text."}, code="required"
        )
    image.full_clean(exclude=["file"])


def _too_large(size: int, limit: int) -> ValidationError:
    return processing.refuse(
        f"This file is {size / 1_000_000:.1f} MB; the limit is {limit / 1_000_000:.1f} MB. "
        "Export a smaller version and upload that.",
        "too_large",
    )


def _already_stored(data: bytes, digest: str, original_name: str) -> PreparedImage | None:
    """The same bytes under the same name were accepted and stored before: reuse that file, after
    checking the header against today's limits (decoding it again would find what it found then)."""
    if processing.looks_like_svg(data, original_name):
        return None  # let the full check refuse it with its message
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data), formats=list(processing.FORMATS)) as image:
                format, frames, (width, height) = image.format, getattr(image, "n_frames", 1), image.size
    except Exception:  # noqa: BLE001 - whatever it is, the full check finds it and says what is wrong
        return None
    if width * height * frames > settings.NEWSDESK_MAX_IMAGE_PIXELS:
        return None
    name = stored_name(original_name, digest, processing.FORMATS[format][0])
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle, PILImage.open(handle) as stored:
        width, height = stored.size
    return PreparedImage(name, None, width, height, format, original_name)


def _write_exactly(name: str, content: bytes) -> bool:
    """Write `content` under exactly `name`; True when this call wrote it. Content-addressed names
    mean a file already there holds the same bytes, so a racing writer's copy is simply dropped."""
    if default_storage.exists(name):
        return False
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:
        default_storage.delete(saved)
        return False
    return True
