"""The search index as Django sees it: one row per public article (see backends.py for its real shape).

On SQLite the table is an FTS5 virtual table; on PostgreSQL a table with generated tsvector columns and
a GIN index. The model exists so that Django knows the table (test databases are flushed with it, an
article's deletion removes its row); every read and write goes through the backend.
"""

from django.db import models


class SearchDocument(models.Model):
    article = models.OneToOneField("content.Article", on_delete=models.CASCADE, primary_key=True, related_name="+")
    headline = models.TextField()
    dek = models.TextField()
    body = models.TextField()
    tags = models.TextField()
    authors = models.TextField()

    class Meta:
        db_table = "search_document"

    def __str__(self) -> str:
        return self.headline
