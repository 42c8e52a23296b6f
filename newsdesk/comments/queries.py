"""Named reads of comments for the public pages: threads and approved counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from newsdesk.comments.models import Comment


@dataclass
class Node:
    """A comment in its thread, with the replies under it in the order they came."""

    comment: Comment
    children: list[Node] = field(default_factory=list)
    pending: bool = False


def comment_thread(article, *, pending: Comment | None = None) -> list[Node]:
    """The article's approved comments as a tree, oldest first; `pending` (the viewer's own) slotted in."""
    comments = list(Comment.objects.approved().filter(article=article).thread_order())
    if pending is not None and all(c.pk != pending.pk for c in comments):
        comments.append(pending)
        comments.sort(key=lambda c: (c.submitted_at, c.pk))
    nodes = {c.pk: Node(c, pending=c.status != Comment.Status.APPROVED) for c in comments}
    roots: list[Node] = []
    for comment in comments:
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        (parent.children if parent else roots).append(nodes[comment.pk])
    return roots


def approved_in(thread: list[Node]) -> int:
    """How many approved comments a thread from comment_thread() holds: all of its article's, so the
    article page counts them without a query of its own."""
    return sum((0 if node.pending else 1) + approved_in(node.children) for node in thread)


def approved_counts(article_ids: Iterable[int]) -> dict[int, int]:
    """How many approved comments each article has, in one query (articles without any are left out)."""
    ids = list(set(article_ids))
    if not ids:
        return {}
    rows = Comment.objects.approved().filter(article_id__in=ids).values("article_id").annotate(n=Count("pk"))
    return {row["article_id"]: row["n"] for row in rows.order_by()}
