"""python -m newsdesk renditions: make the renditions every library image lacks (after changing
NEWSDESK_IMAGE_WIDTHS, or for images stored before renditions existed)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from newsdesk.media import services
from newsdesk.media.models import Image


class Command(BaseCommand):
    help = "Make the missing renditions of every image in the media library, now."

    def handle(self, *args, **options) -> None:
        made = failed = 0
        for image in Image.objects.order_by("pk").iterator():
            try:
                made += len(services.make_renditions(image))
            except (OSError, ValidationError) as error:
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
        self.stdout.write(f"{made} renditions made; {failed} image(s) could not be read.")
