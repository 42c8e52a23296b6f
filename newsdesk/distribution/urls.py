"""Feeds, sitemaps and robots.txt. Every address ends in a file name, so the baker can write it to disk."""

from django.urls import path, re_path

import newsdesk.content.urls  # noqa: F401 - registers the `uslug` converter used below
from newsdesk.distribution import views
from newsdesk.distribution.feeds import ArticleAtomFeed, ArticleFeed
from newsdesk.distribution.scopes import FEED_FILES, SCOPE_KINDS

app_name = "distribution"

_FEED_VIEWS = {"rss": ArticleFeed(), "atom": ArticleAtomFeed(), "json": views.json_feed}

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemaps/pages.xml", views.pages_sitemap, name="sitemap-pages"),
    path("sitemaps/news.xml", views.news_sitemap, name="sitemap-news"),
    re_path(r"^sitemaps/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})\.xml$", views.month_sitemap, name="sitemap-month"),
]
for _format, _view in _FEED_VIEWS.items():
    _file = FEED_FILES[_format]
    urlpatterns.append(path(f"feeds/{_file}", _view, {"kind": "publication"}, name=f"feed-{_format}"))
    urlpatterns += [
        path(f"feeds/{kind}/<uslug:slug>/{_file}", _view, {"kind": kind}, name=f"{kind}-feed-{_format}")
        for kind in SCOPE_KINDS
    ]
