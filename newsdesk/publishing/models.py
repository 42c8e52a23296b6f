"""What the baker knows: which pages are on disk, what each shows, what waits to be baked, what is gone."""

from django.db import models


class BakedPage(models.Model):
    """A page written to the output directory, with the ETag of the bytes written."""

    path = models.CharField(max_length=500, primary_key=True)
    etag = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    baked_at = models.DateTimeField()

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.path


class PageDependency(models.Model):
    """One object (article, author, section, ...) whose data a baked page shows."""

    page = models.ForeignKey(BakedPage, on_delete=models.CASCADE, related_name="dependencies")
    model = models.CharField(max_length=64)  # "content.article"
    object_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"], name="dependency_lookup")]
        constraints = [models.UniqueConstraint(fields=["page", "model", "object_id"], name="dependency_once")]


class BakeRequest(models.Model):
    """A page that must be (re-)baked. Rows outlive a crashed baker, so the next run finishes the job."""

    path = models.CharField(max_length=500, unique=True)
    priority = models.PositiveSmallIntegerField(default=5, help_text="0 first.")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "page waiting to be baked"
        indexes = [models.Index(fields=["priority", "requested_at"], name="bake_queue_order")]


class ListingState(models.Model):
    """Where an article last stood: its address and its place in the lists, to tell an edit in place
    from a move between lists, and a withdrawal (410) from a page that never existed (404)."""

    article_id = models.BigIntegerField(primary_key=True)
    signature = models.CharField(max_length=2000)
    path = models.CharField(max_length=500, blank=True)


class GonePage(models.Model):
    """An address that showed a published article which has since been withdrawn: it answers 410."""

    path = models.CharField(max_length=500, primary_key=True)
    gone_at = models.DateTimeField()

    class Meta:
        verbose_name = "withdrawn address"
