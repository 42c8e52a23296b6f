"""The newsroom's panels on the admin dashboard: what waits for review, what is scheduled, what went out."""

from django import template
from django.db.models import Q
from django.urls import reverse

from newsdesk.content.models import Article
from newsdesk.newsroom import roles

register = template.Library()
LIMIT = 8


@register.inclusion_tag("newsroom/dashboard.html", takes_context=True)
def newsroom_dashboard(context) -> dict:
    user = context["request"].user
    role = roles.role_of(user)
    if role is None:
        return {"panels": []}
    articles = Article.objects.select_related("section")
    if role < roles.Role.EDITOR:
        articles = articles.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()
    changelist = reverse("admin:content_article_changelist")
    panels = [
        ("Waiting for review", articles.filter(status=Article.Status.REVIEW).order_by("modified_at"), f"{changelist}?status__exact=review"),
        ("Scheduled", articles.filter(status=Article.Status.SCHEDULED).order_by("published_at"), f"{changelist}?status__exact=scheduled"),
        ("Recently published", articles.filter(status=Article.Status.PUBLISHED).order_by("-published_at"), f"{changelist}?status__exact=published"),
        ("Your drafts", articles.filter(status=Article.Status.DRAFT, created_by=user).order_by("-modified_at"), f"{changelist}?status__exact=draft"),
    ]
    return {"panels": [(title, list(items[:LIMIT]), items.count(), url) for title, items, url in panels]}
