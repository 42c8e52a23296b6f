"""Where a new comment goes, decided by a declarative policy (after django-contrib-comments' moderators).

Each rule is a small method returning a status or None; `ModerationPolicy.rules` lists them in the order
they are tried, so a newsroom can subclass the policy, reorder or add rules, without touching services.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.comments.text import count_links


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str


class ModerationPolicy:
    """WordPress's rules: block list → spam; hold all, too many links, moderation list, first comment → held."""

    rules = ("blocked_word", "hold_all", "too_many_links", "moderation_word", "known_commenter", "first_comment")

    def __init__(self, settings: CommentSettings):
        self.settings = settings

    def decide(self, comment: Comment) -> Decision:
        for name in self.rules:
            decision = getattr(self, name)(comment)
            if decision is not None:
                return decision
        return Decision(Comment.Status.APPROVED, "no rule held it")

    @staticmethod
    def _haystack(comment: Comment) -> str:
        # As WordPress does: the words are looked for in everything the commenter sent.
        return "\n".join([comment.body, comment.name, comment.email, comment.website, comment.ip_address or ""]).casefold()

    def _first_word_in(self, words: list[str], comment: Comment) -> str | None:
        haystack = self._haystack(comment)
        return next((word for word in words if word in haystack), None)

    def blocked_word(self, comment: Comment) -> Decision | None:
        if word := self._first_word_in(self.settings.blocked_word_list, comment):
            return Decision(Comment.Status.SPAM, f"contains “{word}”, on the block list")
        return None

    def hold_all(self, comment: Comment) -> Decision | None:
        return Decision(Comment.Status.PENDING, "every comment is held") if self.settings.hold_all else None

    def too_many_links(self, comment: Comment) -> Decision | None:
        links = count_links(comment.body)
        if links > self.settings.max_links:
            return Decision(Comment.Status.PENDING, f"{links} links, more than {self.settings.max_links}")
        return None

    def moderation_word(self, comment: Comment) -> Decision | None:
        if word := self._first_word_in(self.settings.moderation_word_list, comment):
            return Decision(Comment.Status.PENDING, f"contains “{word}”, on the moderation list")
        return None

    def known_commenter(self, comment: Comment) -> Decision | None:
        if Comment.objects.approved().by_email(comment.email).exists():
            return Decision(Comment.Status.APPROVED, "an earlier comment under this email was approved")
        return None

    def first_comment(self, comment: Comment) -> Decision | None:
        if self.settings.hold_first_comment:
            return Decision(Comment.Status.PENDING, "a first comment is held")
        return None
