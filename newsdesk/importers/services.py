"""Imports from other platforms: each reads its export and loads it in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from newsdesk.content.services import announcements_gathered
from newsdesk.core.database import refresh_statistics
from newsdesk.importers import ghost, wordpress
from newsdesk.importers.announce import announce
from newsdesk.importers.loader import Loader
from newsdesk.importers.report import ImportReport
from newsdesk.importers.sources import ImportError_, SourceAuthor, SourcePost, SourceSite, SourceTerm
from newsdesk.media.services import discard_unused_files

Progress = Callable[[int], None]


def count_items(path: Path) -> int:
    """How many <item>s a WXR file has, read in chunks (for the progress bar; nothing is parsed)."""
    count, tail = 0, b""
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            data = tail + chunk
            count += data.count(b"<item>") + data.count(b"<item ")
            tail = data[-5:]
    return count


def import_wordpress(path: Path, *, media_dir: Path | None = None, progress: Progress | None = None) -> ImportReport:
    """Import a WordPress export (WXR); all of it or, on any error, nothing."""
    path = Path(path)
    if not path.is_file():
        raise ImportError_(f"{path}: no such file.")
    if media_dir is not None and not Path(media_dir).is_dir():
        raise ImportError_(f"--media {media_dir}: no such directory.")
    report = ImportReport(source="wordpress")
    loader = None
    try:
        with transaction.atomic(), announcements_gathered() as gathered:
            for record in wordpress.read_wxr(path):
                if isinstance(record, SourceSite):
                    loader = Loader(
                        record,
                        report=report,
                        convert=wordpress.convert_content,
                        old_paths=lambda item, site=record: wordpress.old_paths(item, base_url=site.url),
                        media_dir=Path(media_dir) if media_dir else None,
                        inline_images=True,
                    )
                elif isinstance(record, SourceAuthor):
                    loader.add_author(record)
                elif isinstance(record, SourceTerm):
                    loader.add_term(record)
                elif isinstance(record, SourcePost):
                    loader.add_post(record)
                    if progress:
                        progress(1)
            loader.finish()
    except BaseException:
        # The database is as it was; so is the media directory: the image and PDF files this import wrote go.
        if loader is not None:
            discard_unused_files(loader.uploads.stored_files)
        raise
    announce_after_commit(gathered)
    return report


def import_ghost(path: Path, *, progress: Progress | None = None) -> ImportReport:
    """Import a Ghost JSON export; all of it or, on any error, nothing."""
    path = Path(path)
    if not path.is_file():
        raise ImportError_(f"{path}: no such file.")
    export = ghost.read_ghost(path)
    report = ImportReport(source="ghost")
    with transaction.atomic(), announcements_gathered() as gathered:
        loader = Loader(
            export.site, report=report, convert=ghost.convert_content, old_paths=ghost.old_paths,
            default_section=("news", "News"),  # Ghost has tags only; its posts share one section
        )  # fmt: skip
        for author in export.authors:
            loader.add_author(author)
        for tag in export.tags:
            loader.add_term(tag)
        for post in export.posts:
            loader.add_post(post)
            if progress:
                progress(1)
        loader.finish()
    announce_after_commit(gathered)
    return report


def announce_after_commit(gathered) -> None:
    # The import has committed by now (the `with` above closed): announcing registers after-commit
    # work, which Django runs at once outside a transaction, or when an enclosing one commits.
    refresh_statistics()  # thousands of new rows: the planner's old figures would mislead it
    announce(gathered)
