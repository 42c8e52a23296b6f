"""Load the demo publication from newsdesk/demo/content through the content services.

Everything is keyed by slug, so loading twice updates in place and never duplicates.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction

from newsdesk.comments.demo import load_demo_comments
from newsdesk.content import services
from newsdesk.content.models import Article, Author, Page, Publication, Section, Tag
from newsdesk.core.database import refresh_statistics
from newsdesk.demo import images
from newsdesk.media import services as media_services
from newsdesk.media.models import Image
from newsdesk.stories.demo import load_demo_stories

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@dataclass
class DemoReport:
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def __str__(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in self.counts.items())


def read_article_file(path: Path) -> tuple[dict, str]:
    """Split an article file into its TOML front matter and its Markdown body."""
    text = path.read_text(encoding="utf-8")
    parts = text.split("+++\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise ValueError(f"{path.name}: an article file starts with TOML front matter between two '+++' lines.")
    return tomllib.loads(parts[1]), parts[2].strip() + "\n"


def _stored_image(name: str, make, **details) -> Image:
    """The demo image drawn once (into `name`, a cache of drawings) and uploaded to the media library
    as an editor's file would be: checked, re-encoded, with its renditions made at once so the first
    bake offers them. Its texts are refreshed on every load."""
    upload_name = name.replace("/", "-")
    image = Image.objects.filter(original_name=upload_name).first()
    if image is None:
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(make()))
        with default_storage.open(name, "rb") as drawing:
            image = media_services.store_upload(File(drawing, name=upload_name), **details)
    else:
        for key, value in details.items():
            setattr(image, key, value)
        image.full_clean()
        image.save()
    media_services.make_renditions(image)
    return image


@transaction.atomic
def load_demo(content_dir: Path = CONTENT_DIR) -> DemoReport:
    """Create or update the demo publication: settings, sections, tags, authors, pages and articles."""
    report = DemoReport()
    config = tomllib.loads((content_dir / "publication.toml").read_text(encoding="utf-8"))
    sections = {item["slug"]: _upsert(Section, item, report, "sections") for item in config["sections"]}
    tags = {item["slug"]: _upsert(Tag, item, report, "tags") for item in config["tags"]}
    authors = {}
    for item in config["authors"]:
        photo = _stored_image(
            f"demo/authors/{item['slug']}.jpg",
            lambda item=item: images.portrait(name=item["name"], color=item["photo_color"]),
            alt_text=f"Portrait of {item['name']}",
        )
        fields = {k: item[k] for k in ("name", "role", "bio")}
        authors[item["slug"]] = _upsert(Author, {**fields, "slug": item["slug"], "photo": photo}, report, "authors")
    pages = {}
    for item in config["pages"]:
        body = (content_dir / item["file"]).read_text(encoding="utf-8")
        fields = {"title": item["title"], "slug": item["slug"], "body": body, "in_footer": item.get("in_footer", False)}
        pages[item.get("role", item["slug"])] = _upsert(Page, fields, report, "pages")
    _load_publication(config["publication"], pages)
    for path in sorted((content_dir / "articles").glob("*.md")):
        _load_article(path, sections=sections, tags=tags, authors=authors)
        report.count("articles")
    for _ in range(load_demo_comments()):
        report.count("comments")
    for _ in range(load_demo_stories(content_dir / "stories")):
        report.count("stories")
    refresh_statistics()
    return report


def _upsert(model, fields: dict, report: DemoReport, kind: str):
    obj = model.objects.filter(slug=fields["slug"]).first() or model()
    for key, value in fields.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    report.count(kind)
    return obj


def _load_publication(settings: dict, pages: dict[str, Page]) -> None:
    publication = Publication.objects.filter(pk=1).first() or Publication(pk=1)
    for key in ("name", "tagline", "language", "time_zone", "copyright_holder"):
        setattr(publication, key, settings[key])
    publication.terms_page = pages.get("terms")
    publication.privacy_page = pages.get("privacy")
    publication.full_clean()
    publication.save()


def _load_article(path: Path, *, sections: dict, tags: dict, authors: dict) -> Article:
    meta, body = read_article_file(path)
    article = Article.objects.filter(slug=meta["slug"]).first() or Article(slug=meta["slug"])
    article.headline = meta["headline"]
    article.dek = meta.get("dek", "")
    article.body = body
    article.section = sections[meta["section"]]
    article.status = meta.get("status", Article.Status.PUBLISHED)
    article.published_at = datetime.fromisoformat(meta["published"]) if "published" in meta else None
    article.updated_at = datetime.fromisoformat(meta["updated"]) if "updated" in meta else None
    if picture := meta.get("image"):
        article.lead_image = _stored_image(
            f"demo/articles/{meta['slug']}.jpg",
            lambda: images.illustration(palette=picture["palette"], motif=picture["motif"], seed=meta["slug"]),
            alt_text=picture["alt"],
            caption=picture.get("caption", ""),
            credit=picture.get("credit", ""),
        )
    # Saved directly rather than through save_article: the demo states its own "updated" times.
    article.full_clean(exclude=["authors", "tags"])
    article.save()
    services.set_bylines(article, [(authors[line["slug"]], line.get("credit", "")) for line in meta["authors"]])
    services.set_tags(article, [tags[slug] for slug in meta.get("tags", [])])
    return article
