"""The heads of story and live pages: canonical address, feeds, Open Graph and JSON-LD (LiveBlogPosting).

Built from the distribution app's pieces (PageMeta, feed links, the publisher, breadcrumbs), so every
page of the site describes itself the same way.
"""

from __future__ import annotations

from newsdesk.content.markdown import html_to_text
from newsdesk.content.models import Publication
from newsdesk.distribution import structured_data
from newsdesk.distribution.addresses import absolute_url, iso_datetime
from newsdesk.distribution.metadata import PageMeta, feed_links
from newsdesk.distribution.scopes import publication_scope
from newsdesk.stories.feeds import story_scope
from newsdesk.stories.models import LiveCoverage, LiveUpdate, Story

# How many updates the JSON-LD lists (search engines read the newest; the page shows them all).
LIVE_BLOG_UPDATES = 50


def _social(*, og_type: str, title: str, description: str, url: str, publication: Publication):
    properties = [
        ("og:type", og_type), ("og:title", title), ("og:description", description), ("og:url", url),
        ("og:site_name", publication.name),
    ]  # fmt: skip
    names = [("twitter:card", "summary"), ("twitter:title", title), ("twitter:description", description)]
    return properties, names


def story_meta(story: Story, *, publication: Publication) -> PageMeta:
    url = absolute_url(story.get_absolute_url())
    description = html_to_text(story.summary_html)[:300] or story.title
    properties, names = _social(
        og_type="website", title=story.title, description=description, url=url, publication=publication
    )
    trail = [(publication.name, "/"), ("Stories", "/stories/"), (story.title, story.get_absolute_url())]
    return PageMeta(
        canonical_url=url,
        feeds=feed_links(story_scope(story), publication_scope()),
        properties=properties,
        names=names,
        json_ld=[structured_data.breadcrumbs(trail)],
    )


def live_blog_update(update: LiveUpdate, publication: Publication) -> dict:
    """One update as a BlogPosting with its permalink."""
    text = html_to_text(update.body_html)
    data = {
        "@type": "BlogPosting",
        "headline": (text.splitlines()[0] if text else "Update")[:110],
        "url": absolute_url(update.get_absolute_url()),
        "datePublished": iso_datetime(update.posted_at),
        "dateModified": iso_datetime(update.corrected_at or update.posted_at),
        "articleBody": text,
        "author": structured_data.person(update.author) if update.author else structured_data.organization(publication),
    }
    if update.image_id:
        data["image"] = absolute_url(update.image.file.url)
    return data


def live_blog_posting(coverage: LiveCoverage, updates: list[LiveUpdate], *, publication: Publication) -> dict:
    """The LiveBlogPosting a live page is about: coverage times and its updates, newest first."""
    url = absolute_url(coverage.get_absolute_url())
    shown = [u for u in updates if not u.is_removed]
    modified = max([coverage.started_at, *(u.corrected_at or u.posted_at for u in shown)])
    data = {
        "@context": structured_data.SCHEMA,
        "@type": "LiveBlogPosting",
        "headline": coverage.title,
        "description": coverage.summary or coverage.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso_datetime(coverage.started_at),
        "dateModified": iso_datetime(coverage.ended_at or modified),
        "coverageStartTime": iso_datetime(coverage.started_at),
        "publisher": structured_data.organization(publication),
        "author": structured_data.organization(publication),
        "liveBlogUpdate": [live_blog_update(u, publication) for u in shown[:LIVE_BLOG_UPDATES]],
    }
    if coverage.ended_at:
        data["coverageEndTime"] = iso_datetime(coverage.ended_at)
    if coverage.story_id:
        data["isPartOf"] = {"@type": "CreativeWork", "name": coverage.story.title, "url": absolute_url(coverage.story.get_absolute_url())}
    return data


def live_meta(coverage: LiveCoverage, updates: list[LiveUpdate], *, publication: Publication) -> PageMeta:
    url = absolute_url(coverage.get_absolute_url())
    title = f"Live: {coverage.title}" if coverage.is_live else coverage.title
    properties, names = _social(
        og_type="article", title=title, description=coverage.summary or coverage.title, url=url, publication=publication
    )
    trail = [(publication.name, "/")]
    if coverage.story_id:
        trail.append((coverage.story.title, coverage.story.get_absolute_url()))
    trail.append((coverage.title, coverage.get_absolute_url()))
    scopes = [story_scope(coverage.story)] if coverage.story_id else []
    return PageMeta(
        canonical_url=url,
        feeds=feed_links(*scopes, publication_scope()),
        properties=properties,
        names=names,
        json_ld=[live_blog_posting(coverage, updates, publication=publication), structured_data.breadcrumbs(trail)],
    )
