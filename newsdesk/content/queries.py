"""Named reads the public site makes, shared by its views (and later the baker, feeds and API)."""

from __future__ import annotations

from collections import Counter

from newsdesk.content.models import Article, Section

# How many of the latest earlier stories sharing a tag are weighed for "related": bounded work
# however big the archive grows.
RELATED_CANDIDATES = 200


def public_articles(*, with_text: bool = False):
    """Published articles, newest first, with what cards show; their text too only `with_text` (feeds).
    Lists page deep into the archive, and every story read costs its whole row: the text is most of it."""
    articles = Article.objects.published().latest_first().for_lists()
    return articles if with_text else articles.defer("body", "body_html")


def related_articles(article: Article, *, limit: int = 3) -> list[Article]:
    """Earlier stories sharing the most tags with this one, then its section's latest earlier ones,
    then (for the first stories of a section) the section's next ones.

    Earlier stories come first so that a reader gets the background, and so that publishing a new
    story changes no older page but those of its section's last few stories (the baker relies on it:
    see publishing.targets.paths_for_article).
    """
    earlier = public_articles().filter(published_at__lt=article.published_at)
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched by the article view
    related = []
    if tag_ids:
        # Newest first, so an article's first row tells its place among the candidates by recency
        # (reading the times themselves would cost more than the query).
        candidates = list(
            Article.tags.through.objects.filter(
                tag_id__in=tag_ids,
                article__status=Article.Status.PUBLISHED,
                article__published_at__lt=article.published_at,
            )
            .order_by("-article__published_at", "-article_id")
            .values_list("article_id", flat=True)[:RELATED_CANDIDATES]
        )
        shared = Counter(candidates)
        recency = {}
        for place, article_id in enumerate(candidates):
            recency.setdefault(article_id, place)
        best = sorted(shared, key=lambda pk: (-shared[pk], recency[pk]))[:limit]
        found = {a.pk: a for a in public_articles().filter(pk__in=best)}
        related = [found[pk] for pk in best if pk in found]
    if len(related) < limit:
        related += earlier.filter(section=article.section_id).exclude(pk__in=[a.pk for a in related])[: limit - len(related)]
    if len(related) < limit:
        later = public_articles().filter(section=article.section_id, published_at__gt=article.published_at)
        related += later.order_by("published_at", "pk")[: limit - len(related)]
    return related


def front_page(*, lead_count: int = 1, latest_count: int = 6, per_section: int = 3) -> dict:
    """The home page: a lead story, the latest after it, and each navigation section's newest stories."""
    latest = list(public_articles()[: lead_count + latest_count])
    shown = {article.pk for article in latest}
    sections = []
    for section in Section.objects.filter(in_navigation=True):
        stories = [a for a in public_articles().filter(section=section)[: per_section + len(shown)] if a.pk not in shown]
        if stories:
            sections.append((section, stories[:per_section]))
    return {"lead_stories": latest[:lead_count], "latest": latest[lead_count:], "sections": sections}
