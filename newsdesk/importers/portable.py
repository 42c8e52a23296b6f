"""newsdesk's own export: every piece of content as documented JSON plus the media files (docs/export-format.md).

`export_site(dir)` writes it; `import_site(dir)` reads it into an empty site, keeping every object's id,
so each page bakes byte for byte as it did on the exporting site (given the same secret key, which
signs the comment form's token).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from newsdesk.content import services
from newsdesk.importers.announce import announce
from newsdesk.importers.report import ImportReport
from newsdesk.media.services import discard_unused_files

FORMAT = "newsdesk-export"
VERSION = 1
DATA_FILE = "newsdesk-export.json"
MEDIA_DIR = "media"
# What an export holds: every model of newsdesk's apps, except the working state that is rebuilt
# (baked-page records, the bake queue, scheduled-job runs, the search index, whose table differs
# between SQLite and PostgreSQL and is rebuilt when the imported articles are announced) and accounts
# (passwords, second factors, sessions, API tokens), which `backup` carries. References to accounts
# are exported as empty.
NOT_EXPORTED = {
    "core.scheduledjob", "publishing.bakedpage", "publishing.pagedependency", "publishing.bakerequest",
    "publishing.listingstate", "search.searchdocument",
}  # fmt: skip
NOT_EXPORTED_APPS = {"accounts", "api"}

class ExportFormatError(Exception):
    """A directory that is not a newsdesk export this version can read, or a site that is not empty."""


def _exportable(model) -> bool:
    label = model._meta.label_lower
    if not model.__module__.startswith("newsdesk.") or label in NOT_EXPORTED or model._meta.app_label in NOT_EXPORTED_APPS:
        return False
    # A row that cannot exist without an account cannot be brought back without it.
    return not any(
        f.is_relation and not f.null and not f.related_model.__module__.startswith("newsdesk.")
        for f in model._meta.concrete_fields
    )


def _models() -> list[type[models.Model]]:
    """Exported models, each after every model it refers to (so services can validate references)."""
    candidates = [m for m in apps.get_models() if _exportable(m)]
    ordered: list = []

    def visit(model, chain=()):
        if model in ordered or model in chain:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target is not model and target in candidates:
                visit(target, (*chain, model))
        ordered.append(model)

    for model in candidates:
        visit(model)
    return ordered


def _fields(model) -> list[models.Field]:
    """Columns exported: all but references to what is not exported (accounts)."""
    return [f for f in model._meta.concrete_fields if not (f.is_relation and not _exportable(f.related_model))]


def _json_value(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    return value


def _row(obj, model) -> dict:
    row = {field.attname: _json_value(field.value_from_object(obj)) for field in _fields(model)}
    for m2m in model._meta.many_to_many:
        if m2m.remote_field.through._meta.auto_created and _exportable(m2m.related_model):
            row[m2m.name] = sorted(o.pk for o in m2m.value_from_object(obj))
    return row


def export_site(directory: Path) -> dict[str, int]:
    """Write the site's content to `directory` (created; must be empty); return counts per kind."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise ExportFormatError(f"{directory}: not empty; export into a new directory.")
    (directory / MEDIA_DIR).mkdir(parents=True, exist_ok=True)
    data, counts = {}, {}
    # One read transaction: on PostgreSQL a consistent snapshot (REPEATABLE READ would be stricter; the
    # export is read in one pass and SQLite readers see one snapshot per transaction in WAL mode).
    with transaction.atomic():
        for model in _models():
            label = model._meta.label_lower
            rows = [_row(obj, model) for obj in model._default_manager.order_by("pk").prefetch_related(*_m2m_names(model))]
            data[label] = rows
            counts[label] = len(rows)
    files = {}
    for model in _models():
        file_fields = [f.attname for f in _fields(model) if isinstance(f, models.FileField)]
        for row in data[model._meta.label_lower]:
            for name in filter(None, (row[attname] for attname in file_fields)):
                if name not in files and default_storage.exists(name):
                    files[name] = _copy_out(name, directory / MEDIA_DIR / name)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "media": files,
        "objects": data,
    }
    with open(directory / DATA_FILE, "w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, indent=1, sort_keys=True)
    return counts


def _copy_out(name: str, target: Path) -> str:
    """Copy a stored file into the export; return its SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as source, open(target, "wb") as out:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _m2m_names(model) -> list[str]:
    return [m.name for m in model._meta.many_to_many if m.remote_field.through._meta.auto_created]


def read_export(directory: Path) -> dict:
    path = Path(directory) / DATA_FILE
    if not path.is_file():
        raise ExportFormatError(f"{directory}: no {DATA_FILE}; give the directory `export` wrote.")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ExportFormatError(f"{path}: not valid JSON ({error}).") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportFormatError(f"{path}: not a newsdesk export.")
    if document.get("version") != VERSION:
        raise ExportFormatError(f"{path}: format version {document.get('version')}; this newsdesk reads version {VERSION}.")
    return document


def _must_be_empty() -> None:
    for label in ("content.article", "content.section", "content.author", "content.page", "content.tag", "media.image"):
        model = apps.get_model(label)
        if (count := model._default_manager.count()) > 0:
            raise ExportFormatError(
                f"this site already has {count} {model._meta.verbose_name_plural}; `import newsdesk` fills an empty "
                "site only (a new database: migrate, then import)."
            )


def import_site(directory: Path) -> ImportReport:
    """Read an export into this (empty) site, keeping ids; all of it or nothing."""
    directory = Path(directory)
    document = read_export(directory)
    report = ImportReport(source="newsdesk")
    objects = document.get("objects", {})
    written: list[str] = []
    try:
        with transaction.atomic(), services.announcements_gathered() as gathered:
            _must_be_empty()
            for name, checksum in document.get("media", {}).items():
                if _restore_file(directory, name, checksum):
                    written.append(name)
                report.count("media files", "imported")
            for model in _models():
                label = model._meta.label_lower
                for row in objects.get(label, []):
                    _restore(model, row)
                    report.count(label, "imported")
            _reset_sequences()
    except BaseException:
        discard_unused_files(written)  # nothing half-done: the media directory is as it was too
        raise
    announce(gathered)
    return report


def _restore_file(directory: Path, name: str, checksum: str) -> bool:
    """Copy one media file of the export into storage; True when it was written (not there already)."""
    source = (directory / MEDIA_DIR / name).resolve()
    if not source.is_relative_to((directory / MEDIA_DIR).resolve()) or not source.is_file():
        raise ExportFormatError(f"media file {name} is missing from {directory / MEDIA_DIR}.")
    if hashlib.sha256(source.read_bytes()).hexdigest() != checksum:
        raise ExportFormatError(f"media file {name} does not match its checksum; the export is damaged.")
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as existing:
            if hashlib.sha256(existing.read()).hexdigest() == checksum:
                return False
        raise ExportFormatError(f"media file {name} exists already with other content; import into an empty media directory.")
    with open(source, "rb") as handle:
        saved = default_storage.save(name, File(handle))
    if saved != name:  # pragma: no cover - storage renamed it: addresses would change
        default_storage.delete(saved)
        raise ExportFormatError(f"media file {name} was stored as {saved}; import into an empty media directory.")
    return True


def _restore(model, row: dict) -> None:
    fields = {f.attname: f for f in _fields(model)}
    values = {}
    for attname, field in fields.items():
        if attname in row:
            value = row[attname]
            values[attname] = field.to_python(value) if value is not None and not field.is_relation else value
    obj = model(**values)
    label = model._meta.label_lower
    if label == "content.article":
        services.save_article(obj)
    else:
        obj.save()
        if label in ("content.page", "content.section", "content.tag", "content.author", "media.image", "content.publication"):
            services.announce_content_change(obj)
    for m2m in model._meta.many_to_many:
        if m2m.name in row:
            if label == "content.article" and m2m.name == "tags":
                services.set_tags(obj, apps.get_model("content.tag").objects.filter(pk__in=row[m2m.name]))
            else:
                getattr(obj, m2m.name).set(row[m2m.name])
    # Saving recomputes automatic columns (modification times, version numbers); the export's stand.
    model._default_manager.filter(pk=obj.pk).update(**{k: v for k, v in values.items() if k != model._meta.pk.attname})


def _reset_sequences() -> None:
    """Ids were given explicitly; move PostgreSQL's sequences past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
