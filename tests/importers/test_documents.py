"""PDFs among a WordPress site's uploads: stored from --media and linked from the site, never fetched."""

import pytest

from newsdesk.content.models import Article
from newsdesk.importers.services import import_wordpress
from newsdesk.importers.sources import ImportError_
from newsdesk.media.models import Document
from tests.importers.conftest import UPLOADS, write_wxr, wxr_item

pytestmark = pytest.mark.django_db

OLD = "https://small.example/wp-content/uploads"
DUES_LINK = f'<p>Read <a href="{OLD}/2024/05/harbour-dues-2024.pdf">the harbour board\'s dues for 2024</a>.</p>'


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf_attachment(post_id: int, title: str, path: str) -> str:
    meta = f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>{path}</wp:meta_value></wp:postmeta>"
    item = wxr_item(post_id, title, status="inherit", extra=f"<wp:attachment_url>{OLD}/{path}</wp:attachment_url>{meta}")
    return item.replace("<![CDATA[post]]></wp:post_type>", "<![CDATA[attachment]]></wp:post_type>")


def import_items(tmp_path, items: str, *, media_dir=UPLOADS):
    return import_wordpress(write_wxr(tmp_path / "export.xml", items), media_dir=media_dir)


def test_a_linked_pdf_given_with_media_is_stored_and_the_link_leads_to_the_sites_copy(media_root, tmp_path):
    report = import_items(tmp_path, wxr_item(1, "Dues", content=DUES_LINK))

    document = Document.objects.get()
    body = Article.objects.get(slug="post-1").body
    assert f"[the harbour board's dues for 2024]({document.file.url})" in body
    assert "small.example" not in body
    assert (media_root / document.file.name).read_bytes() == (UPLOADS / "2024/05/harbour-dues-2024.pdf").read_bytes()
    assert report.counts["documents"] == {"imported": 1, "updated": 0, "skipped": 0}


def test_the_stored_pdf_is_served_by_the_site_as_a_pdf(media_root, tmp_path, client):
    import_items(tmp_path, wxr_item(1, "Dues", content=DUES_LINK))

    response = client.get(Document.objects.get().file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_linked_pdf_without_its_file_keeps_its_old_address_and_the_report_says_why(media_root, tmp_path):
    report = import_items(tmp_path, wxr_item(1, "Dues", content=DUES_LINK), media_dir=None)

    assert f"({OLD}/2024/05/harbour-dues-2024.pdf)" in Article.objects.get(slug="post-1").body
    assert not Document.objects.exists()
    assert any("harbour-dues-2024.pdf" in line and "--media" in line for line in report.skips)


def test_a_file_named_pdf_that_is_not_one_is_refused_and_the_link_kept(media_root, tmp_path):
    link = f'<p><a href="{OLD}/2024/05/notice.pdf">Notice</a></p>'

    report = import_items(tmp_path, wxr_item(1, "Notice", content=link))

    assert not Document.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))
    assert f"({OLD}/2024/05/notice.pdf)" in Article.objects.get(slug="post-1").body
    assert any("this file is not one" in line for line in report.skips)


def test_a_pdf_attachment_is_stored_under_its_title(media_root, tmp_path):
    report = import_items(tmp_path, pdf_attachment(40, "Harbour dues 2024", "2024/05/harbour-dues-2024.pdf"))

    document = Document.objects.get()
    assert document.title == "Harbour dues 2024"
    assert document.original_name == "harbour-dues-2024.pdf"
    assert report.counts["documents"]["imported"] == 1


def test_a_pdf_both_attached_and_linked_is_stored_once_under_the_attachments_title(media_root, tmp_path):
    items = wxr_item(1, "Dues", content=DUES_LINK) + pdf_attachment(40, "Harbour dues 2024", "2024/05/harbour-dues-2024.pdf")

    report = import_items(tmp_path, items)

    document = Document.objects.get()
    assert document.title == "Harbour dues 2024"
    assert document.file.url in Article.objects.get(slug="post-1").body
    assert report.counts["documents"] == {"imported": 1, "updated": 0, "skipped": 0}


def test_importing_again_reuses_the_stored_pdf(media_root, tmp_path):
    import_items(tmp_path, wxr_item(1, "Dues", content=DUES_LINK))

    report = import_items(tmp_path, wxr_item(1, "Dues", content=DUES_LINK))

    assert Document.objects.count() == 1
    assert report.counts["documents"] == {"imported": 0, "updated": 1, "skipped": 0}


def test_a_failed_import_leaves_none_of_the_pdfs_it_stored(media_root, tmp_path):
    items = wxr_item(1, "Dues", content=DUES_LINK) + "<item><title>Broken</title>"

    with pytest.raises(ImportError_):
        import_items(tmp_path, items)

    assert not Document.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))
