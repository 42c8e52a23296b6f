"""The newsroom's public pages: the corrections list, and drafts opened by a secret preview link."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from newsdesk.content.views import render_article
from newsdesk.core.templatetags.newsdesk import absolute
from newsdesk.newsroom import preview
from newsdesk.newsroom.models import Correction


def corrections(request):
    """Every correction and update on a published article, newest first."""
    notes = Correction.objects.public().select_related("article").order_by("-created_at", "-pk")
    return render(
        request,
        "newsroom/corrections.html",
        {"corrections": notes, "canonical_url": absolute(request.path)},
    )


def shared_preview(request, token: str):
    article = preview.article_for_token(token)
    if article is None:
        response = render(request, "newsroom/preview_invalid.html", status=404)
    else:
        response = render_draft(request, article, shared=True)
    return private(response)


def render_draft(request, article, *, shared: bool):
    draft, bylines = preview.draft_of(article)
    return render_article(
        request, draft, bylines, template="newsroom/preview.html",
        context={"preview_shared": shared, "preview_status": article.get_status_display()},
    )


def private(response):
    """A preview is for its reader alone: not cached, not indexed, its link not leaked onwards."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
