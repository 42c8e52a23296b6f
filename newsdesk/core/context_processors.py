"""What every themed page needs: the publication, its navigation and its footer."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from newsdesk.content.models import Page, Publication, Section


def publication(request) -> dict:
    current = getattr(request, "publication", None) or Publication.objects.current()
    return {
        "publication": current,
        "navigation": SimpleLazyObject(lambda: list(Section.objects.filter(in_navigation=True))),
        "footer_pages": SimpleLazyObject(lambda: list(Page.objects.published().filter(in_footer=True))),
        "current_year": timezone.localtime(timezone.now(), current.zone).year,
    }
