"""Django's side of static-first publishing: 410 for withdrawn articles, and pages baked on the way."""

from __future__ import annotations

from django.apps import apps
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from newsdesk.publishing.models import BakedPage, GonePage
from newsdesk.publishing.render import BAKING


def baked_namespaces() -> set[str]:
    """URL namespaces whose pages are public and baked: apps say so with `baked_namespace` on their
    AppConfig (content, distribution, ...)."""
    return {config.baked_namespace for config in apps.get_app_configs() if getattr(config, "baked_namespace", None)}


class PublishingMiddleware:
    """Answer 410 Gone where a withdrawn article stood, and queue a bake for any public page that was
    served by Django because no baked file existed yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and _storable(request.path) and GonePage.objects.filter(path=request.path).exists():
            return render(request, "410.html", status=410)
        if request.GET and not response.has_header("Cache-Control"):
            # An address with a query string may show one reader's view (their comment awaiting
            # moderation): never for a shared cache.
            patch_cache_control(response, private=True, no_cache=True)
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
            and match.namespace in baked_namespaces()
            and not response.has_header("Set-Cookie")
            and _storable(request.path)
            and not BakedPage.objects.filter(path=request.path).exists()
        )


def _storable(path: str) -> bool:
    """A path a database column can hold (PostgreSQL refuses NUL) and the baker would write."""
    return "\x00" not in path and len(path) <= 400
