"""Every request is answered in the publication's language and time zone."""

from django.utils import timezone, translation

from newsdesk.content.models import Publication


class PublicationMiddleware:
    """Activate the publication's time zone and language, so dates and months read as its readers expect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        publication = Publication.objects.current()
        request.publication = publication
        with timezone.override(publication.zone), translation.override(publication.language):
            return self.get_response(request)
