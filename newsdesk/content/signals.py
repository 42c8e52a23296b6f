"""Facts the content app announces to the others (publishing re-bakes, search re-indexes, ...)."""

from django.dispatch import Signal

# Sent after commit whenever what readers see of an article may have changed: published, updated,
# unpublished, a comment approved under it. Receivers get `article`.
article_changed = Signal()

# Sent after commit when a section, tag, author, static page or the publication's settings change.
# Receivers get `instance` and its `pk` (kept for deleted objects).
content_changed = Signal()
