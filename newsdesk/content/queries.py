"""Named reads the public site makes, shared by its views (and later the baker, feeds and API)."""

from __future__ import annotations

from django.db.models import Count, Q

from newsdesk.content.models import Article, Section


def public_articles():
    """Published articles, newest first, with what cards show."""
    return Article.objects.published().latest_first().for_lists()


def related_articles(article: Article, *, limit: int = 3) -> list[Article]:
    """Other stories that share the most tags with this one, then its section's latest."""
    tag_ids = list(article.tags.values_list("pk", flat=True))
    return list(
        public_articles()
        .exclude(pk=article.pk)
        .filter(Q(tags__in=tag_ids) | Q(section=article.section_id))
        .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared_tags", "-published_at", "-pk")[:limit]
    )


def front_page(*, lead_count: int = 1, latest_count: int = 6, per_section: int = 3) -> dict:
    """The home page: a lead story, the latest after it, and each navigation section's newest stories."""
    latest = list(public_articles()[: lead_count + latest_count])
    shown = {article.pk for article in latest}
    sections = []
    for section in Section.objects.filter(in_navigation=True):
        stories = [a for a in public_articles().filter(section=section)[: per_section + len(shown)] if a.pk not in shown]
        if stories:
            sections.append((section, stories[:per_section]))
    return {"lead": latest[:lead_count], "latest": latest[lead_count:], "sections": sections}
