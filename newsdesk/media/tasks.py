"""Background work of the media library, run by `python -m newsdesk db_worker`."""

import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from newsdesk.media import services
from newsdesk.media.models import Image

logger = logging.getLogger(__name__)


@task(priority=-20)  # after bakes and scheduled publishing: readers first
def make_renditions_task(image_id: int) -> int:
    """Make the image's missing renditions (none when it was deleted meanwhile); how many were made."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return len(services.make_renditions(image))
    except (OSError, ValidationError) as error:
        # A file lost from storage or one stored before uploads were checked: the theme keeps
        # showing the original, and the next upload or `renditions` run tries again.
        logger.warning("No renditions for image %s (%s): %s", image.pk, image.file.name, error)
        return 0
