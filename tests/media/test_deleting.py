"""Deleting an image or a document in the admin takes its files off the site, once committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.media import services
from newsdesk.media.models import Document, Image
from tests.media.conftest import jpeg, stored_files, upload

pytestmark = pytest.mark.django_db

PDF = (Path(__file__).parent.parent / "importers/fixtures/uploads/2024/05/harbour-dues-2024.pdf").read_bytes()


def delete_in_admin(client, obj) -> None:
    opts = obj._meta
    response = client.post(f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302


def test_a_document_deleted_in_the_admin_takes_its_file_with_it(admin_client, media_root, django_capture_on_commit_callbacks):
    document = services.store_document(services.prepare_document(upload(PDF, "dues.pdf")), title="Dues")

    with django_capture_on_commit_callbacks(execute=True):
        delete_in_admin(admin_client, document)

    assert stored_files(media_root) == []


def test_an_image_deleted_in_the_admin_takes_its_file_and_renditions_with_it(admin_client, media_root, django_capture_on_commit_callbacks):
    image = services.store_upload(upload(jpeg((900, 600)), "quay.jpg"), alt_text="The quay")
    services.make_renditions(image)
    assert len(stored_files(media_root)) > 1

    with django_capture_on_commit_callbacks(execute=True):
        delete_in_admin(admin_client, image)

    assert stored_files(media_root) == []


def test_a_file_two_images_share_stays_until_the_last_of_them_goes(admin_client, media_root, django_capture_on_commit_callbacks):
    first = services.store_upload(upload(jpeg(), "quay.jpg"), alt_text="The quay")
    second = services.store_upload(upload(jpeg(), "quay.jpg"), alt_text="The quay again")
    assert first.file.name == second.file.name

    with django_capture_on_commit_callbacks(execute=True):
        delete_in_admin(admin_client, first)

    assert stored_files(media_root) == [second.file.name]
    assert Image.objects.get() == second


def test_a_deletion_that_is_rolled_back_keeps_the_file(media_root, django_capture_on_commit_callbacks):
    document = services.store_document(services.prepare_document(upload(PDF, "dues.pdf")), title="Dues")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Document.objects.filter(pk=document.pk).delete()  # in the test's transaction, never committed

    assert callbacks  # the removal waits for a commit
    assert stored_files(media_root) == [document.file.name]
