"""Images inside post content: stored through the media library when their file was given, never fetched.

WordPress writes an image in a post as `<img src="https://old.site/wp-content/uploads/2024/03/x-300x200.jpg"
srcset="…-1024x683.jpg 1024w, …">`: a resized copy, with the others in `srcset`. With `--media DIR`
(a copy of wp-content/uploads), each image is looked up there, largest file first (the original
upload, then the `srcset` copies, then the copy `src` names), stored once through
`media.services.store_upload` (the same checks and re-encoding as an upload in the admin) and shown
from the site itself. The same file named by several posts, or also an attachment, is stored once;
importing again reuses it.

An image whose file is not there (no `--media`, a file missing from it, refused by the media library,
or an image from another site) is not fetched and not shown from the old address: the article shows a
link to it instead ("Image: <alt text>"), so nothing is lost and no reader's browser calls a server
that may be dead or may track them, and the report lists it as skipped with the reason.

Links to PDFs among the uploads (reports, court papers) are treated alike: the file is stored as a
library document and the link leads to the site's copy; without the file, the link keeps the old
address and the report says so.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

from newsdesk.media.models import PDF_EXTENSION, Document, Image
from newsdesk.media.services import prepare_document, store_document, store_upload

# WordPress's resized copies: x-300x200.jpg, and x-scaled.jpg for big uploads (WordPress 5.3+).
_RESIZED = re.compile(r"-(?:\d+x\d+|scaled)(?=\.\w+$)")
_NOT_FETCHED = "remote images are not fetched"


def upload_path(url: str) -> str | None:
    """The file's path inside the uploads directory ("2024/03/x.jpg"), or None when the URL is not an upload."""
    path = unquote(urlsplit(url).path)
    if "/uploads/" not in path:
        return None
    relative = PurePosixPath(path.split("/uploads/", 1)[1])
    return None if ".." in relative.parts or not relative.name else str(relative)


def candidate_paths(src: str, srcset: str) -> list[str]:
    """Upload paths that may hold the image, best first: the original, the srcset copies from the
    widest, the copy `src` names."""
    sized = []
    for entry in filter(None, (part.strip() for part in srcset.split(","))):
        url, _, descriptor = entry.partition(" ")
        width = re.match(r"\s*(\d+)w", descriptor)
        sized.append((int(width.group(1)) if width else 0, url))
    urls = [src, *(url for _, url in sorted(sized, key=lambda s: -s[0]))]
    paths = [p for p in map(upload_path, urls) if p]
    originals = [_RESIZED.sub("", p) for p in paths]
    return list(dict.fromkeys([*originals[:1], *paths[1:], *originals[1:], *paths[:1]]))


def is_document(path: str) -> bool:
    """Whether an upload path names a document the library keeps (a PDF), by its extension."""
    return PurePosixPath(path).suffix.lower() == f".{PDF_EXTENSION}"


def record_key(relative: str) -> str:
    """The SourceRecord id of an uploaded file (its path, or a digest of a path too long for the column)."""
    return relative if len(relative) <= 100 else "sha256:" + hashlib.sha256(relative.encode()).hexdigest()[:64]


class UploadLibrary:
    """The files of one import's --media directory, each stored once in the media library."""

    def __init__(self, loader):
        self.loader, self.media_dir = loader, loader.media_dir
        self.root = self.media_dir.resolve() if self.media_dir else None
        self.counted: set[str] = set()
        self.known_before = {key for kind, key in loader.records if kind == "upload"}  # stored by earlier imports
        self.stored_files: list[str] = []  # written by this import: removed again if it fails
        self.known_documents = {key for kind, key in loader.records if kind == "document-upload"}

    def find(self, relative_paths: list[str]) -> Path | None:
        for relative in relative_paths:
            path = (self.root / relative).resolve()
            if path.is_relative_to(self.root) and path.is_file():  # never outside the directory given
                return path
        return None

    def store(self, found: Path, *, alt_text: str, caption: str = "") -> Image:
        """The library image of this file: stored now, or the one an earlier item or import stored.
        Raises ValidationError when the media library refuses the file."""
        key = record_key(found.relative_to(self.root).as_posix())
        image = self.loader._existing(Image, "upload", key)
        if image is None:
            with found.open("rb") as handle:
                image = store_upload(File(handle, name=found.name), alt_text=alt_text or found.stem, caption=caption)
            self.stored_files.append(image.file.name)
            self.loader._remember("upload", key, image)
        return image

    def document(self, found: Path, *, title: str) -> Document:
        """The library document of this file: stored now, or the one an earlier item or import stored.
        Raises ValidationError when the file is refused (not a PDF, too large)."""
        key = record_key(found.relative_to(self.root).as_posix())
        document = self.loader._existing(Document, "document-upload", key)
        if document is None:
            with found.open("rb") as handle:
                document = store_document(prepare_document(File(handle, name=found.name)), title=title)
            self.stored_files.append(document.file.name)
            self.loader._remember("document-upload", key, document)
        return document

    def count_document(self, path: str) -> None:
        key = record_key(path)
        if key not in self.counted:
            self.counted.add(key)
            self.loader.report.count("documents", "updated" if key in self.known_documents else "imported")

    def linked_document(self, path: str) -> tuple[Document | None, str]:
        """The library document for a link to an uploaded PDF, or None and why it is not one."""
        if self.root is None:
            return None, "the files were not given (--media DIR)"
        found = self.find([path])
        if found is None:
            return None, f"no such file under {self.media_dir}"
        try:
            return self.document(found, title=found.name), ""
        except ValidationError as refused:
            return None, " ".join(refused.messages)

    def inline(self, src: str, srcset: str, alt: str) -> tuple[Image | None, str]:
        """The library image for an <img> of a post, or None and why it is not one."""
        candidates = candidate_paths(src, srcset)
        if not candidates:
            return None, f"not a file of the old site's uploads; {_NOT_FETCHED}"
        if self.root is None:
            return None, f"the files were not given (--media DIR); {_NOT_FETCHED}"
        found = self.find(candidates)
        if found is None:
            return None, f"no such file under {self.media_dir} ({', '.join(candidates)}); {_NOT_FETCHED}"
        key = record_key(found.relative_to(self.root).as_posix())
        try:
            image = self.store(found, alt_text=alt)
        except ValidationError as refused:
            return None, " ".join(refused.messages)
        if key not in self.counted:
            self.counted.add(key)
            self.loader.report.count("inline images", "updated" if key in self.known_before else "imported")
        return image, ""


class PostImages:
    """What html_to_markdown asks about the images and links of one post (markdown.ImageResolver)."""

    def __init__(self, library: UploadLibrary, *, base_url: str, what: str):
        self.library, self.base_url, self.what = library, base_url, what
        self.local: dict[str, str] = {}  # upload path → the library image's address, for links to the file

    def absolute(self, url: str) -> str:
        url = f"https:{url}" if url.startswith("//") else url
        return urljoin(self.base_url.rstrip("/") + "/", url) if self.base_url else url

    def image(self, src: str, srcset: str, alt: str) -> tuple[str, bool]:
        """(address, True) of the stored copy, or (the old absolute address, False) for a link to it."""
        image, reason = self.library.inline(src, srcset, alt)
        if image is None:
            self.library.loader.report.skip("inline images", f"image {self.absolute(src)} in {self.what}", f"{reason}; shown as a link to its old address")
            return self.absolute(src), False
        for path in candidate_paths(src, srcset):
            self.local[path] = image.file.url
        return image.file.url, True

    def link(self, href: str) -> str:
        """A link to an image file that was stored (WordPress's "link to media file"), or to an uploaded
        PDF, leads to the site's copy."""
        path = upload_path(href)
        if path is None:
            return href
        stored = self.local.get(path) or self.local.get(_RESIZED.sub("", path))
        if stored is None and is_document(path):
            document, reason = self.library.linked_document(path)
            if document is None:
                self.library.loader.report.skip(
                    "documents", f"document {self.absolute(href)} linked from {self.what}", f"{reason}; the link keeps its old address"
                )
                return href
            stored = self.local[path] = document.file.url
            self.library.count_document(path)
        return stored or href
