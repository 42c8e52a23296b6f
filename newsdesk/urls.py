"""The site's addresses: the admin, media files, and the public site of the content app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

admin.site.site_header = "newsdesk"
admin.site.site_title = "newsdesk admin"
admin.site.index_title = "Newsroom"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The embedded server serves uploads itself; behind nginx, deploy/nginx.conf serves them directly.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include("newsdesk.distribution.urls")),
    path("comments/", include("newsdesk.comments.urls")),
    path("", include("newsdesk.content.urls")),
]

handler404 = "newsdesk.core.views.page_not_found"
handler500 = "newsdesk.core.views.server_error"
