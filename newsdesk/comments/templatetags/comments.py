"""Template tags that put comments into the theme: the section under an article, and counts on cards."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from newsdesk.comments import queries, services, tokens
from newsdesk.comments.forms import CommentForm
from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.comments.text import render_comment
from newsdesk.content.models import Article

register = template.Library()


def _viewers_comment(request, article: Article) -> Comment | None:
    """The comment whose signed token is in the address (the commenter's own, just posted), if any."""
    token = request.GET.get("comment") if request is not None else None
    comment_id = tokens.read_pending_token(token) if token else None
    if comment_id is None:
        return None
    return (
        Comment.objects.filter(pk=comment_id, article=article)
        .exclude(status__in=[Comment.Status.SPAM, Comment.Status.TRASH])
        .first()
    )


def _reply_target(request, article: Article, max_depth: int) -> Comment | None:
    """?replytocom=N (the Reply link without JavaScript): the form is shown as a reply to that comment."""
    value = request.GET.get("replytocom", "") if request is not None else ""
    if not value.isdigit():
        return None
    return Comment.objects.approved().filter(article=article, pk=int(value), depth__lt=max_depth).first()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article: Article) -> dict:
    """Comments under an article: the list (approved, plus the viewer's own pending one) and the form.

    Without a query string the output depends on the article alone, so a baked copy serves every reader.
    """
    request = context.get("request")
    settings = CommentSettings.objects.current()
    pending = _viewers_comment(request, article)
    thread = queries.comment_thread(article, pending=pending)
    reply_to = _reply_target(request, article, settings.max_depth)
    form = context.get("comment_form")
    if form is None:
        form = CommentForm(
            initial={"parent": reply_to.pk if reply_to else None, "token": _baked_token(article)}
        )
    return {
        "article": article,
        "thread": thread,
        "count": queries.approved_in(thread),
        "is_open": services.comments_open(article, settings=settings),
        "form": form,
        "reply_to": reply_to,
        "max_depth": settings.max_depth,
        "max_length": settings.max_length,
        "request": request,
    }


def _baked_token(article: Article) -> str:
    # The article's last change, not "now": every render of the same article gives the same page.
    issued = article.modified_at or article.published_at
    return tokens.form_token(article.pk, issued_at=issued.timestamp() if issued else 0)


@register.filter
def comment_html(comment: Comment):
    """A comment's plain text as inert HTML: escaped, links with rel="nofollow ugc noopener", line breaks kept."""
    return render_comment(comment.body)


@register.simple_tag(takes_context=True)
def comment_count(context, article: Article) -> int:
    """The approved-comment count of an article on a card, in one query for every article on the page.

    The first card rendered gathers every Article in the template context (lists, page objects,
    (section, stories) pairs) and counts them together; later cards read the answer.
    """
    counts = getattr(context, "_newsdesk_comment_counts", None)
    if counts is None or article.pk not in counts:
        ids = {article.pk, *(a.pk for a in _articles_in(context))}
        counts = {**(counts or {}), **dict.fromkeys(ids, 0), **queries.approved_counts(ids)}
        context._newsdesk_comment_counts = counts
    return counts[article.pk]


def _articles_in(context) -> list[Article]:
    found: list[Article] = []

    def visit(value, depth: int) -> None:
        if isinstance(value, Article):
            found.append(value)
        elif depth < 3 and isinstance(value, (list, tuple)):
            for item in value:
                visit(item, depth + 1)
        elif depth < 3 and isinstance(value, QuerySet) and value.model is Article and value._result_cache is not None:
            # Only a list the page has already fetched: counting must never cost a query of its own.
            visit(value._result_cache, depth + 1)
        elif depth < 3 and hasattr(value, "object_list"):
            visit(value.object_list, depth + 1)

    for layer in context.dicts:
        for value in layer.values():
            visit(value, 0)
    return found
