"""Demo comments: a few approved conversations (one with a reply) under three demo articles.

Keyed by article, email and text, so loading twice updates in place and never duplicates.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from newsdesk.comments.models import Comment, body_fingerprint
from newsdesk.comments.services import announce_comment_change
from newsdesk.content.models import Article

# (article slug, key, reply-to key, name, email, website, minutes after publication, text)
DEMO_COMMENTS = [
    ("us-iran-envoys-oman-talks", "a", None, "Margaret Ellison", "margaret.ellison@example.org", "", 95,
     "Useful to have the timeline laid out so clearly. The Omani role in the 2013 back channel is often forgotten."),
    ("us-iran-envoys-oman-talks", "b", "a", "Daniel Okafor", "d.okafor@example.net", "https://example.net/okafor", 160,
     "Agreed. It's worth reading the 2015 accounts too:\nhttps://example.net/okafor/oman-2013\n\nThe same people keep turning up."),
    ("us-iran-envoys-oman-talks", "c", "b", "Margaret Ellison", "margaret.ellison@example.org", "", 210,
     "Thanks, I hadn't seen that one."),
    ("salmon-farms-sea-lice-limits", "d", None, "Iain Morrison", "iain.morrison@example.org", "", 240,
     "As someone who fishes the Ewe, the limits can't come soon enough. What happens to farms that are already over them?"),
    ("salmon-farms-sea-lice-limits", "e", None, "Catriona Reid", "c.reid@example.com", "", 300,
     "The article could have said more about how the counts are audited: are they self-reported?"),
    ("pennine-tynebridge-building-society-merger", "f", None, "Peter Walsh", "peter.walsh@example.org", "", 120,
     "I've had an account with Tynebridge for thirty years. Will the branch in Hexham stay open?"),
]  # fmt: skip


@transaction.atomic
def load_demo_comments() -> int:
    """Create or refresh the demo comments; return how many there are."""
    by_key: dict[str, Comment] = {}
    for slug, key, parent_key, name, email, website, minutes, text in DEMO_COMMENTS:
        article = Article.objects.filter(slug=slug).first()
        if article is None or article.published_at is None:
            continue
        parent = by_key.get(parent_key) if parent_key else None
        comment, _ = Comment.objects.update_or_create(
            article=article,
            email=email,
            body_hash=body_fingerprint(text),
            defaults={
                "parent": parent, "depth": parent.depth + 1 if parent else 1, "name": name, "website": website,
                "body": text, "status": Comment.Status.APPROVED,
                "submitted_at": article.published_at + timedelta(minutes=minutes),
            },
        )  # fmt: skip
        announce_comment_change(comment)
        by_key[key] = comment
    return len(by_key)
