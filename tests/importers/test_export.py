"""`export` and `import newsdesk`: the demo publication leaves and comes back identical."""

import json

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from newsdesk.content.chrome import forget_site_chrome
from newsdesk.content.models import Article, forget_publication
from newsdesk.importers import portable
from newsdesk.media.models import Document
from newsdesk.media.services import prepare_document, store_document
from newsdesk.publishing import targets
from newsdesk.publishing.render import render

pytestmark = pytest.mark.django_db




def bake_in_memory() -> dict[str, bytes]:
    """Every page of the site as the baker would write it."""
    cache.clear()
    forget_site_chrome()
    forget_publication()
    return {path: render(path).body for path in targets.all_paths()}


def empty_the_site() -> None:
    """Delete every exported object, as if the database were new."""
    for model in reversed(portable._models()):
        model._default_manager.all().delete()


def test_the_demo_exported_and_imported_into_an_empty_site_bakes_byte_identical(demo, tmp_path):
    before = bake_in_memory()
    portable.export_site(tmp_path / "export")
    empty_the_site()

    portable.import_site(tmp_path / "export")

    after = bake_in_memory()
    assert after.keys() == before.keys()
    assert [path for path in before if before[path] != after[path]] == []


def test_imported_articles_are_found_by_search_again(demo, tmp_path, django_capture_on_commit_callbacks):
    from newsdesk.search.queries import search_articles
    from newsdesk.search.services import rebuild_index

    rebuild_index()
    before = search_articles("Oman").total
    portable.export_site(tmp_path / "export")
    empty_the_site()
    assert search_articles("Oman").total == 0  # the index is not in the export

    with django_capture_on_commit_callbacks(execute=True):
        portable.import_site(tmp_path / "export")

    assert before > 0 and search_articles("Oman").total == before


def test_the_export_is_documented_json_with_the_media_files(demo, tmp_path):
    portable.export_site(tmp_path / "export")

    document = json.loads((tmp_path / "export" / "newsdesk-export.json").read_text())
    assert document["format"] == "newsdesk-export" and document["version"] == 1
    article = next(a for a in document["objects"]["content.article"] if a["slug"] == "us-iran-envoys-oman-talks")
    assert article["headline"] and article["body"] and article["section_id"]
    for name in document["media"]:
        assert (tmp_path / "export" / "media" / name).is_file()


def test_the_export_leaves_accounts_out(demo, tmp_path, django_user_model):
    django_user_model.objects.create_user("editor", "editor@example.org", "a long password here")

    portable.export_site(tmp_path / "export")

    assert "editor@example.org" not in (tmp_path / "export" / "newsdesk-export.json").read_text()


def test_import_newsdesk_refuses_a_site_that_has_content(demo, tmp_path):
    portable.export_site(tmp_path / "export")

    with pytest.raises(CommandError, match="fills an empty site only"):
        call_command("import", "newsdesk", str(tmp_path / "export"))


def test_export_refuses_a_directory_that_is_not_empty(demo, tmp_path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "notes.txt").write_text("mine")

    with pytest.raises(CommandError, match="not empty"):
        call_command("export", str(tmp_path / "export"))


def test_a_damaged_media_file_stops_the_import_and_changes_nothing(demo, tmp_path):
    portable.export_site(tmp_path / "export")
    empty_the_site()
    document = json.loads((tmp_path / "export" / "newsdesk-export.json").read_text())
    name = next(iter(document["media"]))
    (tmp_path / "export" / "media" / name).write_bytes(b"damaged")

    with pytest.raises(portable.ExportFormatError, match="checksum"):
        portable.import_site(tmp_path / "export")
    assert not Article.objects.exists()


def test_a_failed_import_leaves_none_of_its_media_files_behind(demo, tmp_path, settings):
    portable.export_site(tmp_path / "export")
    empty_the_site()
    settings.MEDIA_ROOT = tmp_path / "new-media"  # a new site's empty media directory
    document = json.loads((tmp_path / "export" / "newsdesk-export.json").read_text())
    *written_first, damaged = document["media"]  # the others are copied in before this one is read
    assert written_first
    (tmp_path / "export" / "media" / damaged).write_bytes(b"damaged")

    with pytest.raises(portable.ExportFormatError, match="checksum"):
        portable.import_site(tmp_path / "export")

    assert [path for path in (tmp_path / "new-media").rglob("*") if path.is_file()] == []


def test_a_pdf_document_leaves_and_comes_back_with_its_file(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdf = b"%PDF-1.4\n% a short one\n%%EOF\n"
    stored = store_document(prepare_document(ContentFile(pdf, name="dues.pdf")), title="Harbour dues")
    portable.export_site(tmp_path / "export")
    empty_the_site()
    settings.MEDIA_ROOT = tmp_path / "new-media"

    portable.import_site(tmp_path / "export")

    document = Document.objects.get()
    assert (document.pk, document.title, document.file.name) == (stored.pk, "Harbour dues", stored.file.name)
    assert (tmp_path / "new-media" / document.file.name).read_bytes() == pdf
