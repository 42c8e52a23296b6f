"""What imports remember: which newsdesk object each source item became, and the old addresses to redirect."""

from __future__ import annotations

from django.db import models


class SourceRecord(models.Model):
    """One item of an export (a WordPress post, a Ghost tag, ...) and the newsdesk object it became.

    Imports look items up here by their id in the source, so importing the same file again updates the
    same objects instead of creating new ones.
    """

    source = models.CharField(max_length=20)  # "wordpress", "ghost"
    site = models.CharField(max_length=200, blank=True, help_text="The exported site's address.")
    kind = models.CharField(max_length=20)  # "post", "page", "author", "category", "tag", "comment", "attachment"
    source_id = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "site", "kind", "source_id"], name="source_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.source_id} → {self.object_id}"


class LegacyAddress(models.Model):
    """An address the site had on its previous platform; it answers 301 to what it became.

    `path` is a path as Django sees it (percent-decoded, "/2019/03/hello/") or, for WordPress's plain
    links, the query alone ("?p=123", "?page_id=7").
    """

    path = models.CharField(max_length=500, primary_key=True)
    article = models.ForeignKey(
        "content.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="legacy_addresses"
    )
    page = models.ForeignKey("content.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey("content.Section", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey("content.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey("content.Author", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name_plural = "legacy addresses"

    def __str__(self) -> str:
        return self.path

    def target_url(self) -> str | None:
        """Where the address leads now, or None while its target is not public."""
        if self.article_id:
            return self.article.get_absolute_url() if self.article.is_public else None
        if self.page_id:
            return self.page.get_absolute_url() if self.page.is_published else None
        target = self.section or self.tag or self.author
        return target.get_absolute_url() if target else None
