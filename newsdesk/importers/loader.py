"""Write what a source export holds (sources.py dataclasses) into newsdesk, through the content services.

Every item is looked up by its id in the source (`SourceRecord`), so importing the same export again
updates the objects it created and never duplicates them. Nothing here commits: the caller runs the
whole import in one transaction, so a failure part-way leaves the database as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from newsdesk.comments.models import Comment, body_fingerprint
from newsdesk.content import services
from newsdesk.content.models import RESERVED_PAGE_SLUGS, Article, Author, Page, Section, Tag
from newsdesk.importers.inline_images import PostImages, UploadLibrary, is_document
from newsdesk.importers.markdown import html_to_plain_text
from newsdesk.importers.models import LegacyAddress, SourceRecord
from newsdesk.importers.report import ImportReport
from newsdesk.importers.sources import SourceAuthor, SourceComment, SourcePost, SourceSite, SourceTerm
from newsdesk.media.models import Document, Image

ARTICLE_STATUS = {
    "publish": Article.Status.PUBLISHED, "published": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED, "scheduled": Article.Status.SCHEDULED,
    "draft": Article.Status.DRAFT, "pending": Article.Status.REVIEW,
}  # fmt: skip
FLUSH_EVERY = 1000  # old addresses noted before they are written in one statement
SKIPPED_STATUS = {
    "trash": "in the trash",
    "auto-draft": "an unsaved auto-draft",
    "inherit": "a revision",
    "sent": "sent as a newsletter only, never on the site",
}


def clean_slug(value: str, *, fallback: str, max_length: int = 120) -> str:
    """A slug Django accepts (letters of any script, digits, hyphens), from whatever the source had."""
    slug = re.sub(r"[^\w-]+", "-", value.strip().lower()).strip("-_")[:max_length].strip("-")
    if not slug:
        slug = slugify(fallback, allow_unicode=True)[:max_length].strip("-")
    return slug


def clip(text: str, limit: int) -> str:
    """Text cut at a word to fit a column of `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


class Loader:
    """Writes one export's items; call the add_* methods in the export's order, then finish()."""

    def __init__(
        self, site: SourceSite, *, report: ImportReport, convert, old_paths=None, media_dir: Path | None = None,
        default_section: tuple[str, str] = ("uncategorized", "Uncategorized"), inline_images: bool = False,
    ):  # fmt: skip
        """`convert(html) -> (markdown, notes)` and `old_paths(item) -> [path]` are the source's own;
        posts without a category go to `default_section` (slug, name). With `inline_images`, `convert`
        also takes `images=` (inline_images.PostImages): the images in posts come from `media_dir`."""
        self.site, self.report, self.convert, self.media_dir = site, report, convert, media_dir
        self.default_section = default_section
        self.old_paths = old_paths or (lambda item: [])
        self.records: dict[tuple[str, str], int] = {
            (kind, source_id): object_id
            for kind, source_id, object_id in SourceRecord.objects.filter(source=site.source, site=site.url).values_list(
                "kind", "source_id", "object_id"
            )
        }
        self.authors: dict[str, Author] = {}
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {}
        self.featured: list[tuple[int, str, str]] = []  # (article pk, attachment id, what)
        self.new_records: dict[tuple[str, str], int] = {}
        self.addresses: dict[str, dict] = {}  # old path → {"article_id": ...} or {"page_id": ...}
        self.next_position = (Section.objects.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        self.uploads = UploadLibrary(self)
        self.inline_images = inline_images

    # Records -----------------------------------------------------------------------------------
    def _existing(self, model, kind: str, source_id: str):
        object_id = self.records.get((kind, source_id))
        return model.objects.filter(pk=object_id).first() if object_id else None

    def _remember(self, kind: str, source_id: str, obj) -> None:
        """Note which object the item became; written in bulk by finish()."""
        if self.records.get((kind, source_id)) != obj.pk:
            self.records[(kind, source_id)] = obj.pk
            self.new_records[(kind, source_id)] = obj.pk

    def _unique_slug(self, model, wanted: str, own_pk: int | None, max_length: int = 120) -> str:
        slug, n = wanted, 1
        while model.objects.filter(slug=slug).exclude(pk=own_pk).exists() or (
            model is Page and slug in RESERVED_PAGE_SLUGS
        ):
            n += 1
            suffix = f"-{n}"
            slug = wanted[: max_length - len(suffix)] + suffix
        return slug

    def _save(self, obj, kind: str, fields: dict) -> tuple[object, bool]:
        """Set fields on a new or existing object; save and announce it only when something changed."""
        created = obj.pk is None
        changed = created or any(getattr(obj, key) != value for key, value in fields.items())
        for key, value in fields.items():
            setattr(obj, key, value)
        if changed:
            obj.full_clean()
            obj.save()
            services.announce_content_change(obj)
        self.report.count(kind, "imported" if created else "updated")
        return obj, created

    # Authors, sections, tags -------------------------------------------------------------------
    def add_author(self, item: SourceAuthor) -> Author:
        author = self._existing(Author, "author", item.source_id) or Author()
        fields = {"name": clip(item.name or item.login, 120)}
        if author.pk is None:
            fields["slug"] = self._unique_slug(Author, clean_slug(item.slug or item.login, fallback=item.name or "author"), None)
        if item.bio:
            fields["bio"] = item.bio
        author, created = self._save(author, "authors", fields)
        if created:
            self._attach_account(author, item)
        self._remember("author", item.source_id, author)
        self.authors[item.source_id] = author
        return author

    def _attach_account(self, author: Author, item: SourceAuthor) -> None:
        """Keep the author's login and email on an inactive account (never shown to readers)."""
        if not item.login or not item.email:
            return
        User = get_user_model()
        username = item.login[:150]
        if User.objects.filter(username=username).exists():
            self.report.note(f"author {item.login}", "an account with this login exists already; the author was not linked to it")
            return
        user = User(username=username, email=item.email, is_active=False)
        user.set_unusable_password()
        user.save()
        author.user = user
        author.save(update_fields=["user"])

    def _author_for(self, key: str, what: str) -> Author:
        if key in self.authors:
            return self.authors[key]
        if (found := self._existing(Author, "author", key)) is not None:
            self.authors[key] = found
            return found
        self.report.note(what, f"author “{key}” is not in the export's list of authors; created from the login")
        return self.add_author(SourceAuthor(source_id=key, login=key, name=key))

    def add_term(self, item: SourceTerm, *, in_navigation: bool | None = None) -> Section | Tag:
        """A category becomes a section (top-level ones in the navigation), a tag a tag."""
        if item.kind == "category":
            section = self._existing(Section, "category", item.slug) or Section()
            fields = {"name": clip(item.name or item.slug, 80), "description": clip(html_to_plain_text(item.description), 300)}
            if section.pk is None:
                fields |= {
                    "slug": self._unique_slug(Section, clean_slug(item.slug, fallback=item.name, max_length=80), None, 80),
                    "position": self.next_position,
                    "in_navigation": not item.parent if in_navigation is None else in_navigation,
                }
                self.next_position += 1
            section, _ = self._save(section, "sections", fields)
            self._remember("category", item.slug, section)
            self.sections[item.slug] = section
            return section
        tag = self._existing(Tag, "tag", item.slug) or Tag()
        fields = {"name": clip(item.name or item.slug, 80)}
        if tag.pk is None:
            fields["slug"] = self._unique_slug(Tag, clean_slug(item.slug, fallback=item.name, max_length=80), None, 80)
        tag, _ = self._save(tag, "tags", fields)
        self._remember("tag", item.slug, tag)
        self.tags[item.slug] = tag
        return tag

    def _section_for(self, slug: str, name: str) -> Section:
        if slug not in self.sections:
            if (found := self._existing(Section, "category", slug)) is not None:
                self.sections[slug] = found
            else:
                self.add_term(SourceTerm(kind="category", source_id=slug, slug=slug, name=name), in_navigation=False)
        return self.sections[slug]

    def _tag_for(self, slug: str, name: str) -> Tag:
        if slug not in self.tags:
            if (found := self._existing(Tag, "tag", slug)) is not None:
                self.tags[slug] = found
            else:
                self.add_term(SourceTerm(kind="tag", source_id=slug, slug=slug, name=name))
        return self.tags[slug]

    # Posts -------------------------------------------------------------------------------------
    def add_post(self, item: SourcePost) -> None:
        what = f"{item.kind} {item.source_id} “{clip(item.title, 60) or '(untitled)'}”"
        if item.kind == "attachment":
            self.add_attachment(item)
        elif item.kind == "page":
            self.add_page(item, what)
        elif item.kind == "post":
            self.add_article(item, what)
        else:
            self.report.skip("other items", what, f"items of type “{item.kind}” are not imported")
        if len(self.addresses) >= FLUSH_EVERY:
            self._flush()

    def _status(self, item: SourcePost, what: str, kind: str) -> str | None:
        if item.status in SKIPPED_STATUS:
            self.report.skip(kind, what, SKIPPED_STATUS[item.status])
            return None
        status = ARTICLE_STATUS.get(item.status)
        if item.status == "private":
            self.report.note(what, "private on the old site: imported as a draft, not published")
            return Article.Status.DRAFT
        if status is None:
            self.report.skip(kind, what, f"unknown status “{item.status}”")
            return None
        if item.password and status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
            self.report.note(what, "password-protected on the old site: imported as a draft, not published")
            return Article.Status.DRAFT
        if item.visibility not in ("", "public") and status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
            self.report.note(what, f"visible to {item.visibility} readers only on the old site: imported as a draft")
            return Article.Status.DRAFT
        return status

    def _body(self, item: SourcePost, what: str) -> str:
        if self.inline_images:
            images = PostImages(self.uploads, base_url=self.site.url, what=what)
            body, notes = self.convert(item.content_html, images=images)
        else:
            body, notes = self.convert(item.content_html)
        for note in dict.fromkeys(notes):
            self.report.note(what, note)
        if not body.strip():
            self.report.note(what, "no text in the export; the body says so")
            body = "*This story has no text.*\n"
        return body

    def add_article(self, item: SourcePost, what: str) -> Article | None:
        status = self._status(item, what, "posts")
        if status is None:
            return None
        article = self._existing(Article, "post", item.source_id)
        created = article is None
        article = article or Article()
        if not item.title.strip() and not item.content_html.strip():
            self.report.skip("posts", what, "no title and no text")
            return None
        article.headline = clip(html_to_plain_text(item.title), 200) or "Untitled"
        excerpt = html_to_plain_text(item.excerpt)
        article.dek = clip(excerpt, 400)
        if len(" ".join(excerpt.split())) > 400:
            self.report.note(what, "excerpt longer than 400 characters: shortened for the standfirst")
        article.body = self._body(item, what)
        wanted = clean_slug(item.slug, fallback=item.title or f"post-{item.source_id}")
        # A slug suffixed on an earlier import ("-2") stays; a slug changed on the old site follows it.
        if created or not re.fullmatch(re.escape(wanted) + r"(-\d+)?", article.slug):
            article.slug = self._unique_slug(Article, wanted, article.pk)
            if article.slug != wanted:
                self.report.note(what, f"slug “{wanted}” is taken: imported as “{article.slug}”")
        category = item.categories[0] if item.categories else self.default_section
        article.section = self._section_for(*category)
        article.status = status
        # A draft's date on the old site is only when it was last saved; it gets its own when published.
        public = status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
        article.published_at = (item.published_at or item.modified_at or timezone.now()) if public else None
        modified = item.modified_at
        if created:
            article.updated_at = (
                modified
                if modified and article.published_at and modified - article.published_at > timedelta(minutes=5)
                else None
            )
        services.save_article(article, at=modified)
        authors = list(dict.fromkeys(self._author_for(key, what) for key in item.author_ids))
        if not authors:
            self.report.note(what, "no author in the export: imported without a byline")
        if created or [b.author_id for b in article.bylines.all()] != [a.pk for a in authors]:
            services.set_bylines(article, [(author, "") for author in authors])
        tags = [self._tag_for(slug, name) for slug, name in [*item.categories[1:], *item.tags]]
        if created or {t.pk for t in article.tags.all()} != {t.pk for t in tags}:
            services.set_tags(article, tags)
        self.report.count("posts", "imported" if created else "updated")
        self._remember("post", item.source_id, article)
        self._addresses(item, article_id=article.pk)
        if item.featured_image_id:
            self.featured.append((article.pk, item.featured_image_id, what))
        elif item.featured_image_url:
            self._featured_from_url(article, item, what)
        self.add_comments(article, item.comments, what)
        return article

    def add_page(self, item: SourcePost, what: str) -> Page | None:
        status = self._status(item, what, "pages")
        if status is None:
            return None
        page = self._existing(Page, "page", item.source_id) or Page()
        fields = {
            "title": clip(html_to_plain_text(item.title), 200) or "Untitled",
            "body": self._body(item, what),
            "is_published": status == Article.Status.PUBLISHED,
        }
        if page.pk is None:
            wanted = clean_slug(item.slug, fallback=item.title or f"page-{item.source_id}")
            fields["slug"] = self._unique_slug(Page, wanted, None)
            if fields["slug"] != wanted:
                self.report.note(what, f"slug “{wanted}” is taken or reserved: imported as “{fields['slug']}”")
        page, _ = self._save(page, "pages", fields)
        self._remember("page", item.source_id, page)
        for comment in item.comments:
            self.report.skip("comments", f"comment {comment.source_id} on {what}", "pages take no comments on newsdesk")
        self._addresses(item, page_id=page.pk)
        return page

    def _addresses(self, item: SourcePost, **target) -> None:
        for path in self.old_paths(item):
            self.addresses[path[:500]] = {"article_id": None, "page_id": None, **target}

    # Comments ----------------------------------------------------------------------------------
    def add_comments(self, article: Article, comments: list[SourceComment], what: str) -> None:
        by_id = {c.source_id: c for c in comments}
        saved: dict[str, Comment] = {}
        last = None
        for item in _parents_first(comments):
            label = f"comment {item.source_id} on {what}"
            if item.kind in ("pingback", "trackback"):
                self.report.skip("comments", label, f"a {item.kind}, not a reader's comment")
                continue
            body = html_to_plain_text(item.body_html)
            if not body:
                self.report.skip("comments", label, "empty")
                continue
            parent = saved.get(item.parent_id)
            if item.parent_id not in ("", "0") and parent is None:
                reason = "its parent was skipped" if item.parent_id in by_id else "its parent is not in the export"
                self.report.note(label, f"{reason}: imported as a top-level comment")
            comment = self._existing(Comment, "comment", item.source_id)
            created = comment is None
            email = item.email.strip().lower()[:254]
            duplicate = Comment.objects.filter(article=article, email=email, body_hash=body_fingerprint(body))
            if comment is not None:
                duplicate = duplicate.exclude(pk=comment.pk)
            if duplicate.exists():
                self.report.skip("comments", label, "the same person's same text is already under this article")
                continue
            comment = comment or Comment(article=article)
            comment.parent, comment.depth = parent, (parent.depth + 1 if parent else 1)
            comment.name = clip(item.name, 100) or "Anonymous"
            comment.email, comment.website = email, item.website[:200]
            comment.body, comment.status = body, item.status
            comment.submitted_at = item.submitted_at or article.published_at or timezone.now()
            # IP addresses and user agents are not carried over: newsdesk keeps them only for a few days.
            comment.save()
            self.report.count("comments", "imported" if created else "updated")
            self._remember("comment", item.source_id, comment)
            saved[item.source_id] = comment
            last = comment
        if last is not None:
            services.announce_article_change(article)  # what readers see under it changed

    # Images ------------------------------------------------------------------------------------
    def add_attachment(self, item: SourcePost) -> Image | None:
        what = f"attachment {item.source_id} “{item.attached_file or item.attachment_url}”"
        if is_document(item.attached_file or item.attachment_url):
            self.add_document(item, what)
            return None
        if self.media_dir is None:
            self.report.skip("attachments", what, "the files were not given (--media DIR)")
            return None
        found = self._media_file(item)
        if found is None:
            self.report.skip("attachments", what, f"no such file under {self.media_dir}")
            return None
        image = self._existing(Image, "attachment", item.source_id)
        created = image is None
        alt_text = clip(item.alt_text or html_to_plain_text(item.title) or found.stem, 300)
        caption = clip(html_to_plain_text(item.excerpt), 500)
        if created:
            # The media library's own checks: a real JPEG/PNG/WebP/GIF within the limits, re-encoded,
            # stored under a generated name (the export's file name never becomes a path). A file a
            # post showed inline before is not stored twice.
            try:
                image = self.uploads.store(found, alt_text=alt_text, caption=caption)
            except ValidationError as refused:
                self.report.skip("attachments", what, " ".join(refused.messages))
                return None
        if (image.alt_text, image.caption) != (alt_text, caption):  # the attachment's texts win over a post's <img>
            image.alt_text, image.caption = alt_text, caption
            image.full_clean()
            image.save()
            services.announce_content_change(image)
        self.report.count("attachments", "imported" if created else "updated")
        self._remember("attachment", item.source_id, image)
        return image

    def add_document(self, item: SourcePost, what: str) -> Document | None:
        """A PDF attachment: stored as a library document, so links to it can lead to the site's copy."""
        if self.media_dir is None:
            self.report.skip("documents", what, "the files were not given (--media DIR)")
            return None
        found = self._media_file(item)
        if found is None:
            self.report.skip("documents", what, f"no such file under {self.media_dir}")
            return None
        title = clip(html_to_plain_text(item.title) or found.name, 300)
        try:
            document = self.uploads.document(found, title=title)
        except ValidationError as refused:
            self.report.skip("documents", what, " ".join(refused.messages))
            return None
        if document.title != title:  # the attachment's title wins over a link's file name
            document.title = title
            document.save(update_fields=["title"])
        self.uploads.count_document(found.relative_to(self.uploads.root).as_posix())
        self._remember("document", item.source_id, document)
        return document

    def _media_file(self, item: SourcePost) -> Path | None:
        root = self.media_dir.resolve()
        candidates = [item.attached_file]
        if "/uploads/" in item.attachment_url:
            candidates.append(item.attachment_url.split("/uploads/", 1)[1])
        for relative in filter(None, candidates):
            path = (root / relative).resolve()
            if path.is_relative_to(root) and path.is_file():  # never outside the directory given
                return path
        return None

    def _featured_from_url(self, article: Article, item: SourcePost, what: str) -> None:
        self.report.skip("images", f"featured image of {what}", "remote images are not fetched; add it in the admin")

    def finish(self) -> None:
        """Link featured images, now that every attachment has been read; write the last records and addresses."""
        self._link_featured_images()
        self._flush()

    def _flush(self) -> None:
        """Write the source records and old addresses noted so far, in bulk (and forget them: memory stays flat)."""
        SourceRecord.objects.bulk_create(
            [
                SourceRecord(source=self.site.source, site=self.site.url, kind=kind, source_id=source_id, object_id=pk)
                for (kind, source_id), pk in self.new_records.items()
            ],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["source", "site", "kind", "source_id"],
            update_fields=["object_id"],
        )
        LegacyAddress.objects.bulk_create(
            [LegacyAddress(path=path, **target) for path, target in self.addresses.items()],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["path"],
            update_fields=["article", "page"],
        )
        self.new_records.clear()
        self.addresses.clear()

    def _link_featured_images(self) -> None:
        for article_pk, attachment_id, what in self.featured:
            image_pk = self.records.get(("attachment", attachment_id))
            if image_pk is None:
                reason = "the files were not given (--media DIR)" if self.media_dir is None else "its file was not imported"
                self.report.skip("featured images", f"featured image of {what}", reason)
                continue
            article = Article.objects.get(pk=article_pk)
            if article.lead_image_id != image_pk:
                article.lead_image_id = image_pk
                services.save_article(article, at=article.updated_at or article.published_at)
            self.report.count("featured images", "imported")


def _parents_first(comments: Iterable[SourceComment]) -> list[SourceComment]:
    """Comments ordered so that each comes after the one it replies to (exports do not promise it)."""
    by_id = {c.source_id: c for c in comments}
    ordered, seen = [], set()

    def visit(comment: SourceComment, chain: set) -> None:
        if comment.source_id in seen or comment.source_id in chain:
            return
        parent = by_id.get(comment.parent_id)
        if parent is not None:
            visit(parent, chain | {comment.source_id})
        seen.add(comment.source_id)
        ordered.append(comment)

    for comment in sorted(comments, key=lambda c: (c.submitted_at or datetime.min.replace(tzinfo=dt_timezone.utc), c.source_id)):
        visit(comment, set())
    return ordered


