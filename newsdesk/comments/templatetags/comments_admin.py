"""The moderation counts on the admin's dashboard."""

from django import template
from django.db.models import Count
from django.urls import reverse

from newsdesk.comments.models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/dashboard_counts.html", takes_context=True)
def comment_queue(context) -> dict:
    """How many comments are in each status, linked to the queue filtered by it (for editors only)."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return {"rows": []}
    counts = dict(Comment.objects.order_by().values_list("status").annotate(n=Count("pk")))
    url = reverse("admin:comments_comment_changelist")
    return {"rows": [(label, counts.get(value, 0), f"{url}?status={value}") for value, label in Comment.Status.choices]}
