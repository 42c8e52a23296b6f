"""The site's addresses plus one that fails, to see the error page a visitor would get."""

from django.urls import path

from newsdesk.urls import handler404, handler500, urlpatterns as site_urlpatterns  # noqa: F401


def broken_view(request):
    raise RuntimeError("secret-internal-detail: a bug in a view")


urlpatterns = [path("broken-for-tests/", broken_view), *site_urlpatterns]
