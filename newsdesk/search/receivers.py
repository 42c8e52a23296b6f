"""How search hears about content changes: each changed article's index row is rewritten after commit."""

from __future__ import annotations

from django.dispatch import receiver

from newsdesk.content.models import Article, Author, Publication, Tag
from newsdesk.content.signals import article_changed, content_changed
from newsdesk.search import services


@receiver(article_changed, dispatch_uid="search.article_changed")
def reindex_article(sender, article: Article, **kwargs) -> None:
    """Published or updated: (re)indexed; a draft, in review, scheduled or withdrawn: removed."""
    services.index_articles([article.pk])


@receiver(content_changed, dispatch_uid="search.content_changed")
def reindex_for_content(sender, instance, pk=None, **kwargs) -> None:
    """A renamed tag or author changes the text of its articles; a new publication language, every analyser."""
    if isinstance(instance, Tag):
        services.index_articles(Article.tags.through.objects.filter(tag_id=pk or instance.pk).values_list("article_id", flat=True))
    elif isinstance(instance, Author):
        services.index_articles(instance.bylines.model.objects.filter(author_id=pk or instance.pk).values_list("article_id", flat=True))
    elif isinstance(instance, Publication):
        services.rebuild_if_language_changed()
