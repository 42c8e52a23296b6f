"""A deleted image, rendition or document takes its file with it, once the deletion is committed.

Otherwise the file would stay online at its address: a picture or a PDF taken down in the admin (a
privacy complaint, a court order) would still be served to anyone who kept the link. A file another
row still uses stays (stored names follow the content, so two uploads of one file share it).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from newsdesk.media.models import Document, Image, Rendition
from newsdesk.media.services import discard_unused_files


@receiver(post_delete, sender=Image, dispatch_uid="media.remove_image_file")
@receiver(post_delete, sender=Rendition, dispatch_uid="media.remove_rendition_file")
@receiver(post_delete, sender=Document, dispatch_uid="media.remove_document_file")
def remove_file(sender, instance, **kwargs) -> None:
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: discard_unused_files([name]))
