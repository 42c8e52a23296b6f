"""PDF documents in the media library: uploaded in the admin, checked, stored as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from newsdesk.media import services
from newsdesk.media.models import Document
from newsdesk.newsroom.roles import GROUP_NAMES, Role
from tests.media.conftest import jpeg, stored_files, upload

pytestmark = pytest.mark.django_db

PDF = (Path(__file__).parent.parent / "importers/fixtures/uploads/2024/05/harbour-dues-2024.pdf").read_bytes()
ADD = "/admin/media/document/add/"


def errors(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one(".errorlist").get_text(" ")


def test_an_editor_uploads_a_pdf_in_the_admin_and_is_shown_its_address(admin_client, media_root):
    response = admin_client.post(ADD, {"upload": upload(PDF, "Dues 2024.pdf", "application/pdf"), "title": "Harbour dues"})

    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.title, document.size, document.original_name) == ("Harbour dues", len(PDF), "Dues 2024.pdf")
    assert (media_root / document.file.name).read_bytes() == PDF
    assert document.file.url in admin_client.get(response["Location"]).content.decode()


def test_a_file_that_is_not_a_pdf_is_refused_on_the_form_and_nothing_is_stored(admin_client, media_root):
    disguised = b"<!doctype html><script>alert(1)</script>"

    response = admin_client.post(ADD, {"upload": upload(disguised, "notice.pdf", "application/pdf"), "title": "Notice"})

    assert response.status_code == 200
    assert "Only PDF documents can be stored" in errors(response)
    assert stored_files(media_root) == [] and not Document.objects.exists()


def test_an_image_is_not_taken_as_a_document(media_root):
    with pytest.raises(ValidationError, match="not one"):
        services.prepare_document(upload(jpeg(), "photo.pdf"))


def test_a_pdf_over_the_size_limit_is_refused(settings, media_root):
    settings.NEWSDESK_MAX_UPLOAD_BYTES = len(PDF) - 1

    with pytest.raises(ValidationError, match="the limit is"):
        services.prepare_document(upload(PDF, "dues.pdf", "application/pdf"))


def test_a_document_needs_a_title(media_root):
    with pytest.raises(ValidationError, match="Say what the document is"):
        services.store_document(services.prepare_document(upload(PDF, "dues.pdf")), title="  ")

    assert stored_files(media_root) == []


def test_the_stored_name_comes_from_newsdesk_not_the_upload(media_root):
    document = services.store_document(services.prepare_document(upload(PDF, "../../etc/passwd .pdf")), title="Dues")

    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(".pdf") and ".." not in document.file.name
    assert stored_files(media_root) == [document.file.name]


def test_a_writer_may_upload_documents(client, media_root):
    writer = User.objects.create_user("writer", "w@example.org", "x" * 16, is_staff=True)
    writer.groups.add(Group.objects.get(name=GROUP_NAMES[Role.CONTRIBUTOR]))
    client.force_login(writer)

    response = client.post(ADD, {"upload": upload(PDF, "dues.pdf", "application/pdf"), "title": "Dues"})

    assert response.status_code == 302 and Document.objects.exists()
