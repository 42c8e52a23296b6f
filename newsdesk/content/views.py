"""The public site's pages. Each view parses the request, asks a query, and renders the theme."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from newsdesk.content import queries
from newsdesk.content.models import Article, ArticleAuthor, ArticleSlugHistory, Author, Page, Section, Tag
from newsdesk.content.sharing import share_links
from newsdesk.core.pagination import page_from_query, paginate
from newsdesk.core.templatetags.newsdesk import absolute


def home(request):
    return render(request, "content/home.html", queries.front_page())


def _article_list(request, *, template: str, items, list_url: str, page: int, context: dict):
    """One page of a list; `?page=N` (as older links have it) moves to the page's own address."""
    if "page" in request.GET:
        number = page_from_query(request.GET["page"])
        if number is None:
            raise Http404("The page number must be a whole number from 1.")
        return HttpResponsePermanentRedirect(list_url if number == 1 else f"{list_url}page/{number}/")
    if page == 1 and request.path != list_url:
        return HttpResponsePermanentRedirect(list_url)
    page_obj = paginate(items, page)
    return render(request, template, {**context, "page_obj": page_obj, "articles": page_obj.object_list, "list_url": list_url})


def latest(request, page: int = 1):
    return _article_list(
        request,
        template="content/latest.html",
        items=queries.public_articles(),
        list_url=reverse("content:latest"),
        page=page,
        context={},
    )


def section(request, slug: str, page: int = 1):
    section = get_object_or_404(Section, slug=slug)
    return _article_list(
        request,
        template="content/section.html",
        items=queries.public_articles().filter(section=section),
        list_url=section.get_absolute_url(),
        page=page,
        context={"section": section},
    )


def tag(request, slug: str, page: int = 1):
    tag = get_object_or_404(Tag, slug=slug)
    return _article_list(
        request,
        template="content/tag.html",
        items=queries.public_articles().filter(tags=tag),
        list_url=tag.get_absolute_url(),
        page=page,
        context={"tag": tag},
    )


def author(request, slug: str, page: int = 1):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _article_list(
        request,
        template="content/author.html",
        items=queries.public_articles().filter(authors=author),
        list_url=author.get_absolute_url(),
        page=page,
        context={"author": author},
    )


def article(request, year: int, month: int, day: int, slug: str):
    found = (
        Article.objects.published()
        # The comment settings too: the comment section asks whether the article is open for comments.
        .select_related("section", "lead_image", "comment_settings")
        .prefetch_related(
            "tags",
            "lead_image__renditions",
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author__photo").prefetch_related("author__photo__renditions")),
        )
        .filter(slug=slug)
        .first()
    )
    if found is None:
        old = ArticleSlugHistory.objects.filter(slug=slug, article__in=Article.objects.published()).first()
        if old is None:
            raise Http404("No published article has this address.")
        return HttpResponsePermanentRedirect(old.article.get_absolute_url())
    canonical = found.get_absolute_url()
    if request.path != canonical:
        return HttpResponsePermanentRedirect(canonical)
    return render_article(request, found, list(found.bylines.all()))


def render_article(request, article: Article, bylines: list, *, template: str = "content/article.html", context=None):
    """The article page; the newsroom's previews render a draft through the same template."""
    canonical = article.get_absolute_url()
    return render(
        request,
        template,
        {
            "article": article,
            "bylines": bylines,
            "related": queries.related_articles(article),
            "share_links": share_links(absolute(canonical), article.headline),
            "canonical_url": absolute(canonical),
            **(context or {}),
        },
    )


def page(request, slug: str):
    found = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "content/page.html", {"page": found, "canonical_url": absolute(found.get_absolute_url())})
