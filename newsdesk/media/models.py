"""Images used by articles, authors and the publication, each with its alt text, caption and credit,
and the smaller copies (renditions) the theme offers browsers in `srcset`; and the PDF documents that
stories link to (reports, court papers, an import's attachments)."""

from django.conf import settings
from django.db import models

from newsdesk.media.processing import FORMATS

PDF_EXTENSION = "pdf"
# Every kind of file the library writes, by extension, with its type: images (re-encoded into one of
# FORMATS, renditions too) and PDF documents. Nothing else is ever stored in the media folder.
STORED_TYPES = {f".{ext}": mime for ext, mime in FORMATS.values()} | {f".{PDF_EXTENSION}": "application/pdf"}


class Image(models.Model):
    """An image file with what readers and screen readers need to know about it.

    The file is always one newsdesk wrote itself (media.services re-encodes every upload) under a
    name it made up, so neither the uploaded bytes' metadata nor the uploaded name reach the site.
    """

    file = models.ImageField(upload_to="images/", width_field="width", height_field="height", max_length=255)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=300, help_text="What the image shows, for readers who cannot see it. Required."
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text='For example "Photo: Reuters".')
    original_name = models.CharField(
        max_length=255, blank=True, editable=False, help_text="The uploaded file's name, for finding it again."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.alt_text

    @property
    def format(self) -> str:
        """The Pillow format name of the stored file (JPEG, PNG, WEBP or GIF), from its extension."""
        extension = self.file.name.rsplit(".", 1)[-1].lower()
        return next((name for name, (ext, _) in FORMATS.items() if ext == extension), "JPEG")


class Rendition(models.Model):
    """A copy of an image scaled to one width, in WebP or the image's own format."""

    class Format(models.TextChoices):
        JPEG = "JPEG", "JPEG"
        PNG = "PNG", "PNG"
        WEBP = "WEBP", "WebP"
        GIF = "GIF", "GIF"

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    file = models.FileField(max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=4, choices=Format.choices)

    class Meta:
        ordering = ["format", "width"]
        constraints = [
            models.UniqueConstraint(fields=["image", "width", "format"], name="one_rendition_per_width_and_format")
        ]

    def __str__(self) -> str:
        return f"{self.image} ({self.width}px {self.get_format_display()})"

    @property
    def mime_type(self) -> str:
        return FORMATS[self.format][1]


class Document(models.Model):
    """A PDF a story links to, stored as it was uploaded (media.services checks that it is a PDF) under
    a name newsdesk made up, and served from the site's media address."""

    file = models.FileField(upload_to="documents/", max_length=255, editable=False)
    title = models.CharField(max_length=300, help_text="What the document is, as lists of documents show it.")
    size = models.PositiveBigIntegerField(editable=False, default=0, help_text="In bytes.")
    original_name = models.CharField(
        max_length=255, blank=True, editable=False, help_text="The uploaded file's name, for finding it again."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title
