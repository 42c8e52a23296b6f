"""Facts the stories app announces after commit (publishing re-bakes the pages that show them)."""

from django.dispatch import Signal

# A story, its facts, people, timeline or articles changed (or it was deleted). Receivers get `story_id`,
# `article_ids` (its articles before and after), `paths` (its own pages before the change, for a renamed
# or deleted story) and `navigation_changed` (what the site's navigation shows of it changed).
story_changed = Signal()

# A live page changed: an update posted, corrected, removed, pinned, or the coverage started or ended.
# Receivers get `coverage_id`.
coverage_changed = Signal()
