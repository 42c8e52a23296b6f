"""The site's addresses: the admin, media files, and the public site of the content app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsdesk.accounts import views as accounts_views
from newsdesk.newsroom import views as newsroom_views

admin.site.site_header = "newsdesk"
admin.site.site_title = "newsdesk admin"
admin.site.index_title = "Newsroom"


def media(request, path: str):
    """An uploaded file (a page's picture, a PDF) when the file layer in front did not answer for it.
    The folder is read at each request, as settings give it now."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    # Sign-in goes through the limits and two-factor pages of newsdesk.accounts before the admin's own.
    path("admin/login/", accounts_views.login),
    path("admin/two-factor/", include("newsdesk.accounts.urls")),
    path("admin/", admin.site.urls),
    # The embedded server answers uploads before Django (publishing.serving); behind nginx,
    # deploy/nginx.conf serves them directly. This is for plain WSGI servers and the test client.
    re_path(r"^media/(?P<path>.*)$", media),
    path("", include("newsdesk.distribution.urls")),
    path("", include("newsdesk.newsroom.urls")),
    # A draft shared by a secret link: outside the baked namespaces, never stored.
    path("preview/<str:token>/", newsroom_views.shared_preview, name="shared-preview"),
    path("comments/", include("newsdesk.comments.urls")),
    path("search/", include("newsdesk.search.urls")),
    path("api/v1/", include("newsdesk.api.urls")),
    path("", include("newsdesk.stories.urls")),
    path("", include("newsdesk.stories.live_urls")),
    path("", include("newsdesk.content.urls")),
]

handler404 = "newsdesk.core.views.page_not_found"
handler500 = "newsdesk.core.views.server_error"
