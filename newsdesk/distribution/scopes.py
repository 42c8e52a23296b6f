"""What a feed covers: the whole publication, or one section, tag or author, with its articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from newsdesk.content.models import Article, Author, Publication, Section, Tag
from newsdesk.content.queries import public_articles

# Each feed format's file name; every feed lives at `<scope's feed directory><file name>`.
FEED_FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
FEED_LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
SCOPE_KINDS = ("section", "tag", "author")


@dataclass(frozen=True)
class FeedScope:
    """One set of feeds: its kind, title, the page it mirrors and the articles it lists."""

    kind: str
    slug: str
    title: str
    description: str
    page_path: str
    articles: QuerySet = field(compare=False, repr=False)

    @property
    def feed_directory(self) -> str:
        return "/feeds/" if self.kind == "publication" else f"/feeds/{self.kind}/{self.slug}/"

    def feed_path(self, feed_format: str) -> str:
        return f"{self.feed_directory}{FEED_FILES[feed_format]}"

    def feed_paths(self) -> list[str]:
        return [self.feed_path(feed_format) for feed_format in FEED_FILES]


def publication_scope() -> FeedScope:
    publication = Publication.objects.current()
    return FeedScope(
        kind="publication",
        slug="",
        title=publication.name,
        description=publication.tagline or f"The latest stories from {publication.name}",
        page_path="/",
        articles=public_articles(with_text=True),
    )


def section_scope(section: Section) -> FeedScope:
    name = Publication.objects.current().name
    return FeedScope(
        kind="section",
        slug=section.slug,
        title=f"{section.name} – {name}",
        description=section.description or f"The latest {section.name} stories from {name}",
        page_path=section.get_absolute_url(),
        articles=public_articles(with_text=True).filter(section=section),
    )


def tag_scope(tag: Tag) -> FeedScope:
    name = Publication.objects.current().name
    return FeedScope(
        kind="tag",
        slug=tag.slug,
        title=f"{tag.name} – {name}",
        description=f"Stories about {tag.name} from {name}",
        page_path=tag.get_absolute_url(),
        articles=public_articles(with_text=True).filter(tags=tag),
    )


def author_scope(author: Author) -> FeedScope:
    name = Publication.objects.current().name
    return FeedScope(
        kind="author",
        slug=author.slug,
        title=f"{author.name} – {name}",
        description=f"Stories by {author.name}" + (f", {author.role}" if author.role else "") + f", for {name}",
        page_path=author.get_absolute_url(),
        articles=public_articles(with_text=True).filter(authors=author),
    )


_SCOPES = {"section": (Section, section_scope), "tag": (Tag, tag_scope), "author": (Author, author_scope)}


def find_scope(kind: str, slug: str | None = None) -> FeedScope:
    """The scope a feed address names; Http404 for a section, tag or author that does not exist."""
    if kind == "publication":
        return publication_scope()
    model, make = _SCOPES[kind]
    return make(get_object_or_404(model, slug=slug))


def all_scopes() -> list[FeedScope]:
    """Every feed scope the site has: the publication, then each section, tag and author."""
    return [
        publication_scope(),
        *(section_scope(section) for section in Section.objects.all()),
        *(tag_scope(tag) for tag in Tag.objects.all()),
        *(author_scope(author) for author in Author.objects.all()),
    ]


def scopes_for_article(article: Article) -> list[FeedScope]:
    """The scopes whose feeds list (or listed) this article: publication, section, tags, authors."""
    return [
        publication_scope(),
        section_scope(article.section),
        *(tag_scope(tag) for tag in article.tags.all()),
        *(author_scope(line.author) for line in article.bylines.select_related("author")),
    ]
