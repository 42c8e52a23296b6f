"""Old addresses from the previous platform answer 301 to the page they became."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect

from newsdesk.importers.models import LegacyAddress

# WordPress's plain links: /?p=123 (posts), /?page_id=7 (pages).
QUERY_KEYS = ("p", "page_id")


class LegacyAddressMiddleware:
    """Redirect a WordPress or Ghost address: `?p=ID` on the front page before it renders, any other
    path only once the site itself found nothing there (404), so a lookup costs nothing on real pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path == "/" and (target := _from_query(request)):
            return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            target = _from_query(request) or _from_path(request.path)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response


def _from_query(request) -> str | None:
    for key in QUERY_KEYS:
        value = request.GET.get(key, "")
        if value.isdigit():
            return _target(f"?{key}={int(value)}")
    return None


def _from_path(path: str) -> str | None:
    if "\x00" in path or len(path) > 500:
        return None
    candidates = [path, path[:-1] if path.endswith("/") else f"{path}/"]
    found = LegacyAddress.objects.filter(path__in=[c for c in candidates if c]).select_related(
        "article", "page", "section", "tag", "author"
    )
    for address in sorted(found, key=lambda a: a.path != path):
        if target := address.target_url():
            return target
    return None


def _target(path: str) -> str | None:
    address = LegacyAddress.objects.filter(path=path).select_related("article", "page").first()
    return address.target_url() if address else None
