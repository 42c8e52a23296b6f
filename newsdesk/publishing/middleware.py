"""Django's side of static-first publishing: 410 for withdrawn articles, and pages baked on the way."""

from __future__ import annotations

from django.shortcuts import render

from newsdesk.publishing.models import BakedPage, GonePage
from newsdesk.publishing.render import BAKING

BAKED_NAMESPACES = {"content", "distribution"}


class PublishingMiddleware:
    """Answer 410 Gone where a withdrawn article stood, and queue a bake for any public page that was
    served by Django because no baked file existed yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and GonePage.objects.filter(path=request.path).exists():
            return render(request, "410.html", status=410)
        if self._is_unbaked_public_page(request, response):
            from newsdesk.publishing.baker import request_bake

            request_bake({request.path: 4})
        return response

    @staticmethod
    def _is_unbaked_public_page(request, response) -> bool:
        match = request.resolver_match
        return (
            not request.META.get(BAKING)
            and request.method == "GET"
            and not request.GET
            and response.status_code == 200
            and match is not None
            and match.namespace in BAKED_NAMESPACES
            and not response.has_header("Set-Cookie")
            and not BakedPage.objects.filter(path=request.path).exists()
        )
