"""Telling the rest of the site about an import: object by object when it is small, the whole site once when not.

An import writes through the content services inside `announcements_gathered()`, so nothing is
announced while it runs. A small import then announces each changed article and object, as an edit in
the admin would (the pages showing them are re-baked, the search index follows). A large one would
spend far longer working out which pages each of thousands of articles touches than re-baking them
all, so it queues every page of the site once and re-indexes the articles it wrote.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from newsdesk.content import services
from newsdesk.content.models import Article
from newsdesk.content.services import Gathered

BULK_THRESHOLD = 200


def announce(gathered: Gathered) -> None:
    """Announce what an import changed, after its transaction commits."""
    if len(gathered.articles) + len(gathered.content) <= BULK_THRESHOLD:
        for article in Article.objects.filter(pk__in=gathered.articles):
            services.announce_article_change(article)
        for instance in gathered.content.values():
            services.announce_content_change(instance)
        return
    article_ids = list(gathered.articles)
    transaction.on_commit(lambda: rebake_everything(article_ids))


def rebake_everything(article_ids: list[int]) -> None:
    """Queue every page of the site (as `bake --all` would) and bring the articles' search rows up to date."""
    from newsdesk.content.chrome import forget_site_chrome
    from newsdesk.publishing import baker, targets

    forget_site_chrome()
    with transaction.atomic():
        targets.record_listing_states()
        baker.request_bake(dict.fromkeys(targets.all_paths(), targets.PRIORITY_LIST_TAIL))
    if apps.is_installed("newsdesk.search"):
        from newsdesk.search.services import index_articles

        index_articles(article_ids)
