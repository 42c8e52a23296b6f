"""What every themed page needs: the publication, its navigation and its footer."""

from django.utils import timezone

from newsdesk.content.chrome import site_chrome
from newsdesk.content.models import Publication


def publication(request) -> dict:
    current = getattr(request, "publication", None) or Publication.objects.current()
    return {
        "publication": current,
        **site_chrome(),
        "current_year": timezone.localtime(timezone.now(), current.zone).year,
    }
