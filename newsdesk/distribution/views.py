"""Feeds, sitemaps and robots.txt. Each view finds what to show and renders it; the work is elsewhere."""

from __future__ import annotations

import json
from datetime import date

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape

from newsdesk.content.models import Publication
from newsdesk.distribution import sitemaps
from newsdesk.distribution.addresses import absolute_url, iso_datetime
from newsdesk.distribution.feeds import find_json_feed

XML = "application/xml; charset=utf-8"


def json_feed(request, kind: str, slug: str | None = None) -> HttpResponse:
    """The JSON Feed 1.1 of the publication, or of the section, tag or author in the address."""
    document = find_json_feed(kind, slug)
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/feed+json; charset=utf-8")


def _when(value) -> str:
    return iso_datetime(value) if value else ""


def _urlset_xml(sitemap: sitemaps.BaseUrlSitemap) -> HttpResponse:
    """A plain sitemap, written here rather than by the template engine: a month's sitemap lists
    thousands of stories, and the template took most of the time of re-baking it."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
    ]
    zone = Publication.objects.current().zone
    for entry in sitemap.items()[: sitemap.limit]:
        parts.append(f"  <url>\n    <loc>{escape(absolute_url(entry.path))}</loc>")
        if entry.lastmod:
            parts.append(f"\n    <lastmod>{iso_datetime(entry.lastmod, zone)}</lastmod>")
        for image in entry.images:
            parts.append(f"\n    <image:image>\n      <image:loc>{escape(image)}</image:loc>\n    </image:image>")
        parts.append("\n  </url>\n")
    parts.append("</urlset>\n")
    return HttpResponse("".join(parts), content_type=XML)


def _urlset(template: str, sitemap: sitemaps.BaseUrlSitemap) -> HttpResponse:
    urls = [
        {
            "location": url["location"],
            "lastmod": _when(url["lastmod"]),
            "images": url["item"].images,
            "title": url["item"].title,
            "language": url["item"].language,
            "published": _when(url["item"].published),
        }
        for url in sitemap.get_urls()
    ]
    context = {"urlset": urls, "publication": Publication.objects.current()}
    return HttpResponse(render_to_string(template, context), content_type=XML)


def sitemap_index(request) -> HttpResponse:
    """/sitemap.xml: the pages sitemap, one sitemap per month of articles, the News sitemap."""
    entries = [
        {"location": absolute_url(entry.path), "lastmod": _when(entry.lastmod)}
        for entry in sitemaps.index_entries()
    ]
    return HttpResponse(render_to_string("distribution/sitemap_index.xml", {"sitemaps": entries}), content_type=XML)


def pages_sitemap(request) -> HttpResponse:
    """Every address that is not an article."""
    return _urlset_xml(sitemaps.PagesSitemap())


def month_sitemap(request, year: str, month: str) -> HttpResponse:
    """The articles of one month; a month without any is a 404."""
    if not 1 <= int(month) <= 12:
        raise Http404("There is no such month.")
    sitemap = sitemaps.MonthSitemap(date(int(year), int(month), 1))
    if not sitemap.items():
        raise Http404("No article was published in this month.")
    return _urlset_xml(sitemap)


def news_sitemap(request) -> HttpResponse:
    """Google News: the last two days' articles."""
    return _urlset("distribution/news_sitemap.xml", sitemaps.NewsSitemap())


def robots_txt(request) -> HttpResponse:
    """robots.txt: crawl everything but the admin; here are the sitemaps."""
    context = {"sitemaps": [absolute_url(sitemaps.INDEX_PATH), absolute_url(sitemaps.NEWS_PATH)]}
    return HttpResponse(render_to_string("distribution/robots.txt", context), content_type="text/plain; charset=utf-8")
