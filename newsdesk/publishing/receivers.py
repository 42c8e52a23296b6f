"""How publishing hears about content changes: it works out the pages affected and queues them."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from newsdesk.content.models import Article, Page, Publication, Section
from newsdesk.content.signals import article_changed, content_changed
from newsdesk.publishing import targets
from newsdesk.publishing.baker import request_bake
from newsdesk.publishing.models import BakedPage, GonePage, ListingState


@receiver(article_changed, dispatch_uid="publishing.article_changed")
def rebake_for_article(sender, article: Article, **kwargs) -> None:
    queue_article(article)


@receiver(content_changed, dispatch_uid="publishing.content_changed")
def rebake_for_content(sender, instance, pk=None, **kwargs) -> None:
    queue_content(instance, pk=pk if pk is not None else instance.pk)


@transaction.atomic
def queue_article(article: Article) -> dict[str, int]:
    """Queue every page a change to this article affects; a withdrawn article's address becomes 410."""
    article = Article.objects.select_related("section").get(pk=article.pk)
    state = ListingState.objects.filter(article_id=article.pk).first()
    paths = targets.paths_for_article(article, state)
    new_path = article.get_absolute_url() if article.is_public else ""
    old_path = state.path if state else ""
    if old_path and old_path != new_path:
        paths[old_path] = targets.PRIORITY_ARTICLE
        if not new_path:
            GonePage.objects.update_or_create(path=old_path, defaults={"gone_at": timezone.now()})
    if new_path:
        GonePage.objects.filter(path=new_path).delete()
    ListingState.objects.update_or_create(
        article_id=article.pk, defaults={"signature": targets.listing_signature(article), "path": new_path}
    )
    request_bake(paths)
    return paths


@transaction.atomic
def queue_content(instance, *, pk: int) -> dict[str, int]:
    """Queue the pages showing a section, tag, author, page, image or the publication's settings
    (`pk` is given apart because a deleted object has lost its own)."""
    label = instance._meta.label_lower
    if isinstance(instance, (Publication, Section)) or (isinstance(instance, Page) and _in_every_footer(instance)):
        # The masthead, navigation and footer are on every page.
        paths = dict.fromkeys(BakedPage.objects.values_list("path", flat=True), targets.PRIORITY_SHOWN_ON)
        paths["/"] = targets.PRIORITY_FRONT
    else:
        paths = dict.fromkeys(targets.pages_showing(label, pk), targets.PRIORITY_SHOWN_ON)
    if hasattr(instance, "get_absolute_url") and not isinstance(instance, Publication):
        paths.setdefault(instance.get_absolute_url(), targets.PRIORITY_LIST_HEAD)
    request_bake(paths)
    return paths


def _in_every_footer(page: Page) -> bool:
    publication = Publication.objects.current()
    return page.in_footer or page.pk in (publication.terms_page_id, publication.privacy_page_id)
