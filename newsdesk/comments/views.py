"""The comment endpoints: post a comment, refresh the form token, unsubscribe, privacy requests.

None of them uses Django's CSRF cookie (see tokens.py for why); posts are checked by `check_origin`.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from newsdesk.comments import services, tokens
from newsdesk.comments.forms import HONEYPOT, CommentForm, PrivacyRequestForm
from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.content.models import Article
from newsdesk.content.sharing import share_links
from newsdesk.core.net import client_ip
from newsdesk.core.templatetags.newsdesk import absolute


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def check_origin(request) -> bool:
    """A post must come from a page of this site: its Origin header, else its Referer, says which."""
    allowed = {_origin(settings.NEWSDESK_BASE_URL), f"{request.scheme}://{request.get_host()}".lower()}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() in allowed
    referer = request.headers.get("Referer")
    return referer is not None and _origin(referer) in allowed


def _max_request_bytes(comment_settings: CommentSettings) -> int:
    # A character is at most 4 bytes of UTF-8, and form encoding writes each byte as 3 ("%E2"); the
    # other fields fit in 16 KiB. Anything bigger is refused before it is read.
    return min(comment_settings.max_length * 12 + 16 * 1024, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _refused(request, message: str, *, status: int, article: Article | None = None) -> HttpResponse:
    response = render(request, "comments/refused.html", {"message": message, "article": article}, status=status)
    add_never_cache_headers(response)
    return response


def _article_page_with_form(request, article: Article, form: CommentForm, *, status: int) -> HttpResponse:
    """The article page again, with the reader's text kept and the error beside each field."""
    article = Article.objects.select_related("section", "lead_image").prefetch_related("tags").get(pk=article.pk)
    canonical = article.get_absolute_url()
    response = render(
        request,
        "content/article.html",
        {
            "article": article,
            "bylines": list(article.bylines.select_related("author__photo")),
            "related": [],
            "share_links": share_links(absolute(canonical), article.headline),
            "canonical_url": absolute(canonical),
            "comment_form": form,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


_ARTICLE_FIELDS = ("pk", "slug", "headline", "status", "published_at", "modified_at", "comment_settings__comments_open")
# The service's field names, as the form calls them; anything else is shown above the form.
_FORM_FIELDS = {"name": "name", "email": "email", "website": "website", "body": "comment"}


@csrf_exempt
def post_comment(request, article_id: int):
    """Accept a comment from the form under an article; 303 to the article on success."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # Only what a successful post needs; the page shown again with errors fetches the whole article.
    article = get_object_or_404(
        Article.objects.published().select_related("comment_settings").only(*_ARTICLE_FIELDS), pk=article_id
    )
    comment_settings = CommentSettings.objects.current()
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > _max_request_bytes(comment_settings):
        return _refused(request, "This comment is far too long to be sent; shorten it.", status=413, article=article)
    if not check_origin(request):
        return _refused(request, "This form was sent from another site, so it was refused.", status=403, article=article)
    try:
        data = request.POST
    except RequestDataTooBig:
        return _refused(request, "This comment is far too long to be sent; shorten it.", status=413, article=article)
    token = tokens.read_form_token(data.get("token", ""))
    if token is None or token.article_id != article.pk:
        return _refused(
            request, "This form has expired or belongs to another article; reload the page and try again.",
            status=403, article=article,
        )  # fmt: skip
    form = CommentForm(data)
    if data.get(HONEYPOT):
        form.add_error(HONEYPOT, "This field must stay empty; it catches robots.")
        return _article_page_with_form(request, article, form, status=400)
    if not form.is_valid():
        return _article_page_with_form(request, article, form, status=400)
    if token.age() < comment_settings.min_seconds:
        form.add_error(None, "That was quicker than a person can write; wait a few seconds and send it again.")
        return _article_page_with_form(request, article, form, status=400)
    try:
        comment = services.post_comment(
            article,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            website=form.cleaned_data["website"],
            body=form.cleaned_data["comment"],
            parent_id=form.cleaned_data["parent"],
            notify_replies=form.cleaned_data["notify_replies"],
            commenter=services.Commenter(client_ip(request), request.headers.get("User-Agent", "")),
        )
    except services.CommentRefused as refusal:
        form.add_error(_FORM_FIELDS.get(refusal.field), refusal.message)
        response = _article_page_with_form(request, article, form, status=refusal.status)
        if isinstance(refusal, services.RateLimited):
            response["Retry-After"] = str(refusal.retry_after)
        return response
    # A query string always reaches Django (never the baked file), so the commenter sees their comment
    # at once, and, while it awaits moderation, only they do: the token is signed.
    target = f"{article.get_absolute_url()}?comment={tokens.pending_token(comment.pk)}#{comment.anchor}"
    return HttpResponseRedirect(target, status=303)


@require_GET
def form_token(request, article_id: int):
    """A fresh form token for a page being shown (comments.js asks), so the minimum time counts from now."""
    if not Article.objects.published().filter(pk=article_id).exists():
        raise Http404("No published article has this number.")
    response = JsonResponse({"token": tokens.form_token(article_id, issued_at=time.time())})
    add_never_cache_headers(response)
    return response


@csrf_exempt
def unsubscribe(request, token: str):
    """One click (GET from the email, or POST per RFC 8058) stops reply emails for that conversation."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    comment_id = tokens.read_unsubscribe_token(token)
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first() if comment_id else None
    if comment is None:
        return _refused(request, "This unsubscribe link is not valid, or the comment was deleted.", status=404)
    services.unsubscribe_from_replies(comment)
    return render(request, "comments/unsubscribed.html", {"article": comment.article})


@csrf_exempt
def privacy_request(request):
    """Ask, by email address, for an export or the deletion of one's comments; a signed link confirms it."""
    if request.method == "POST":
        if not check_origin(request):
            return _refused(request, "This form was sent from another site, so it was refused.", status=403)
        form = PrivacyRequestForm(request.POST)
        if form.is_valid() and not form.cleaned_data["homepage"]:
            services.request_privacy_action(form.cleaned_data["email"], form.cleaned_data["action"])
            return render(request, "comments/privacy_sent.html", {"email": form.cleaned_data["email"]})
        return render(request, "comments/privacy_request.html", {"form": form}, status=400)
    return render(request, "comments/privacy_request.html", {"form": PrivacyRequestForm()})


@csrf_exempt
def privacy_confirm(request, token: str):
    """The link from the email: shows what will happen; the button (a POST) does it."""
    found = tokens.read_privacy_token(token)
    if found is None:
        return _refused(request, "This link is not valid or has expired (links last two days); ask again.", status=400)
    email, action = found
    if request.method == "POST":
        if not check_origin(request):
            return _refused(request, "This form was sent from another site, so it was refused.", status=403)
        if action == "export":
            response = HttpResponse(services.export_comments(email), content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
            add_never_cache_headers(response)
            return response
        deleted = services.delete_comments_by_email(email)
        return render(request, "comments/privacy_done.html", {"deleted": deleted})
    count = Comment.objects.by_email(email).count()
    response = render(request, "comments/privacy_confirm.html", {"email": email, "action": action, "count": count})
    add_never_cache_headers(response)
    return response
