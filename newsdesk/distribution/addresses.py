"""Public addresses and dates as feeds, sitemaps and page heads write them: absolute, from NEWSDESK_BASE_URL."""

from __future__ import annotations

from datetime import datetime, tzinfo
from datetime import timezone as dt_timezone
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from newsdesk.content.models import Article, Publication


def absolute_url(url: str) -> str:
    """The public address of a site path (an address that is already absolute is kept as it is).

    Built from NEWSDESK_BASE_URL, never from the request's Host: pages are baked to files and must be
    the same for every reader.
    """
    if url.startswith(("http://", "https://")):
        return iri_to_uri(url)
    return f"{settings.NEWSDESK_BASE_URL}{iri_to_uri(url)}"


def iso_datetime(value: datetime, zone: tzinfo | None = None) -> str:
    """ISO 8601 / RFC 3339 / W3C datetime with its offset, in the publication's time zone (or `zone`,
    for callers writing thousands), to the second."""
    local = timezone.localtime(value, zone or Publication.objects.current().zone)
    return local.replace(microsecond=0).isoformat()


def article_tag_uri(article: Article) -> str:
    """A permanent id for an article (RFC 4151 tag URI) that survives edits to its headline, slug and date.

    It is built from the site's host name, the day the article was created and its primary key, so a
    feed reader never shows an edited story twice.
    """
    host = urlsplit(settings.NEWSDESK_BASE_URL).hostname
    created = article.created_at.astimezone(dt_timezone.utc)
    return f"tag:{host},{created:%Y-%m-%d}:article:{article.pk}"
