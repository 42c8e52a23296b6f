"""WordPress's export format (WXR 1.2, Tools → Export), read in streaming mode with defusedxml.

The file is read one <item> at a time and each is dropped once yielded, so a 100 MB export is read
in bounded memory. DTDs, entity declarations and external references are refused before anything is
read: an export from WordPress has none, and they are how XML attacks (billion laughs, reading local
files) are made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse

from newsdesk.importers.markdown import ImageResolver, html_to_markdown
from newsdesk.importers.sources import (
    ImportError_,
    SourceAuthor,
    SourceComment,
    SourcePost,
    SourceSite,
    SourceTerm,
)

WP = "{http://wordpress.org/export/%s/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
COMMENT_STATUS = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash", "post-trashed": "trash"}


def _wp(element, name: str) -> str:
    """The text of a wp: child, whatever WXR version (1.0, 1.1, 1.2) the namespace names."""
    for version in ("1.2", "1.1", "1.0"):
        found = element.find(WP % version + name)
        if found is not None:
            return (found.text or "").strip()
    return ""


def _excerpt(element) -> str:
    for version in ("1.2", "1.1", "1.0"):
        found = element.find(f"{{http://wordpress.org/export/{version}/excerpt/}}encoded")
        if found is not None:
            return found.text or ""
    return ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _date(gmt: str, local: str = "") -> datetime | None:
    """WordPress's "2019-03-04 10:00:00" (UTC); drafts carry zeros, then the site's local time stands in."""
    for value in (gmt, local):
        if value and not value.startswith("0000"):
            try:
                return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
            except ValueError:
                continue
    return None


def read_wxr(path) -> Iterator[SourceSite | SourceAuthor | SourceTerm | SourcePost]:
    """Yield the site, then its authors and terms, then each item, from a WXR file."""
    try:
        yield from _read(path)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise ImportError_(
            f"{path}: refused: the file declares a DTD, an entity or an external reference ({type(error).__name__}). "
            "WordPress exports have none; such declarations are how XML attacks are built."
        ) from error
    except DefusedXmlException as error:
        raise ImportError_(f"{path}: refused: {error}") from error
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        raise ImportError_(
            f"{path}: not well-formed XML at line {line}, column {column + 1} ({reason}). "
            "Export the site again, or fix the file at that place."
        ) from error


def _read(path) -> Iterator:
    site = SourceSite(source="wordpress")
    site_sent = False
    version_seen = False
    depth = 0
    stream = iterparse(str(path), events=("start", "end"), forbid_dtd=True)
    root = channel = None
    for event, element in stream:
        name = _local(element.tag)
        if event == "start":
            depth += 1
            if depth == 2 and channel is None:
                channel = element
            if root is None:
                root = element
                if name != "rss":
                    raise ImportError_(f"{path}: this is not a WordPress export (its root element is <{name}>, not <rss>).")
            continue
        depth -= 1
        if depth != 2:  # only children of <channel> are whole records
            continue
        is_record = name == "item" or (
            name in ("author", "category", "tag") and element.tag.startswith("{http://wordpress.org/export/")
        )
        if is_record and not site_sent:
            if not version_seen:
                raise ImportError_(f"{path}: this RSS file is not a WordPress export (it has no <wp:wxr_version>).")
            yield site  # the channel names the site before its authors, terms and items
            site_sent = True
        if name == "item":
            yield _post(element)
        elif is_record and name == "author":
            yield _author(element)
        elif is_record:
            yield _term(element, name)
        elif name == "wxr_version":
            version_seen = True
        elif name == "base_blog_url":
            site.url = (element.text or "").strip().rstrip("/")
        elif name == "title" and not element.tag.startswith("{"):
            site.title = (element.text or "").strip()
        elif name == "language" and not element.tag.startswith("{"):
            site.language = (element.text or "").strip()
        channel.clear()  # drop the records already read, so memory stays bounded
    if root is not None and not version_seen:
        raise ImportError_(f"{path}: this RSS file is not a WordPress export (it has no <wp:wxr_version>).")
    if not site_sent:
        yield site


def _author(element) -> SourceAuthor:
    first, last = _wp(element, "author_first_name"), _wp(element, "author_last_name")
    login = _wp(element, "author_login")
    name = _wp(element, "author_display_name") or " ".join(p for p in (first, last) if p) or login
    return SourceAuthor(
        source_id=login,  # posts name their author by login
        login=login,
        name=name,
        email=_wp(element, "author_email"),
        # Not in WordPress's own exports; some plugins add it.
        bio=_wp(element, "author_description"),
    )


def _term(element, kind: str) -> SourceTerm:
    slug = _wp(element, "category_nicename" if kind == "category" else "tag_slug")
    name = _wp(element, "cat_name" if kind == "category" else "tag_name")
    description = _wp(element, "category_description" if kind == "category" else "tag_description")
    parent = unquote(_wp(element, "category_parent")) if kind == "category" else ""
    return SourceTerm(
        kind=kind, source_id=slug, slug=unquote(slug), name=name, description=description, parent=parent
    )


def _post(element) -> SourcePost:
    meta = {}
    for item in element:
        if _local(item.tag) == "postmeta":
            meta[_wp(item, "meta_key")] = _wp(item, "meta_value")
    categories, tags, coauthors = [], [], []
    for category in element.findall("category"):
        domain, slug, name = category.get("domain", ""), unquote(category.get("nicename", "")), (category.text or "").strip()
        if domain == "category":
            categories.append((slug, name))
        elif domain == "post_tag":
            tags.append((slug, name))
        elif domain == "author":  # Co-Authors Plus: nicename "cap-<login>"
            coauthors.append(name or slug.removeprefix("cap-"))  # the term's name is the login
    creator = (element.findtext(DC_CREATOR) or "").strip()
    authors = list(dict.fromkeys([a for a in [*(coauthors or [creator])] if a]))
    post = SourcePost(
        source_id=_wp(element, "post_id"),
        kind=_wp(element, "post_type") or "post",
        title=(element.findtext("title") or "").strip(),
        slug=unquote(_wp(element, "post_name")),
        status=_wp(element, "status"),
        content_html=element.findtext(CONTENT) or "",
        excerpt=_excerpt(element),
        published_at=_date(_wp(element, "post_date_gmt"), _wp(element, "post_date")),
        modified_at=_date(_wp(element, "post_modified_gmt"), _wp(element, "post_modified")),
        author_ids=authors,
        categories=categories,
        tags=tags,
        password=_wp(element, "post_password"),
        link=(element.findtext("link") or "").strip(),
        featured_image_id=meta.get("_thumbnail_id", "").strip(),
        attachment_url=_wp(element, "attachment_url"),
        attached_file=meta.get("_wp_attached_file", "").strip(),
        alt_text=meta.get("_wp_attachment_image_alt", "").strip(),
    )
    post.comments = [_comment(c) for c in element if _local(c.tag) == "comment"]
    return post


def _comment(element) -> SourceComment:
    approved = _wp(element, "comment_approved")
    return SourceComment(
        source_id=_wp(element, "comment_id"),
        parent_id=_wp(element, "comment_parent"),
        name=_wp(element, "comment_author"),
        email=_wp(element, "comment_author_email"),
        website=_wp(element, "comment_author_url"),
        submitted_at=_date(_wp(element, "comment_date_gmt"), _wp(element, "comment_date")),
        body_html=_wp(element, "comment_content"),
        status=COMMENT_STATUS.get(approved, "pending"),
        kind=_wp(element, "comment_type"),
    )


# Content -----------------------------------------------------------------------------------------

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.DOTALL)
_MORE = re.compile(r"<!--\s*(more|nextpage|noteaser)\b.*?-->", re.DOTALL)
_CAPTION = re.compile(r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.DOTALL)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
_SHORTCODE_PAIR = re.compile(r"\[([a-zA-Z][\w-]*)(?:\s[^\]]*)?\](.*?)\[/\1\]", re.DOTALL)
_SHORTCODE = re.compile(r"\[([a-zA-Z][\w-]*)(?:\s[^\]]*)?/?\]")
_BLOCKS = r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
_KNOWN_SHORTCODES_REMOVED = {"gallery", "audio", "video", "playlist"}


def _caption(match: re.Match) -> str:
    attrs, inner = match.group(2), match.group(3)
    caption = re.search(r'caption="([^"]*)"', attrs)
    image = re.search(r"(<a [^>]*>)?\s*<img [^>]*>\s*(</a>)?", inner, re.DOTALL)
    text = (caption.group(1) if caption else inner[image.end() :] if image else inner).strip()
    return f"<figure>{image.group(0) if image else ''}<figcaption>{text}</figcaption></figure>"


def _autop(html: str) -> str:
    """WordPress's wpautop, simplified: classic-editor posts have blank lines where paragraphs are."""
    if re.search(r"<p[\s>]", html):
        return html
    html = re.sub(rf"(<{_BLOCKS}[\s/>])", r"\n\n\1", html)
    html = re.sub(rf"(</{_BLOCKS}>)", r"\1\n\n", html)
    out = []
    for chunk in re.split(r"\n\s*\n", html.replace("\r\n", "\n")):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.match(rf"</?{_BLOCKS}[\s/>]", chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def convert_content(html: str, *, images: ImageResolver | None = None) -> tuple[str, list[str]]:
    """A post's content as Markdown, and what could not be converted (for the report); `images` says
    where its images are shown from (importers.inline_images)."""
    notes: list[str] = []
    html = _BLOCK_COMMENT.sub("", html)
    html = _MORE.sub("", html)
    html = _autop(html)  # as WordPress does, before the shortcodes run
    html = _CAPTION.sub(_caption, html)
    html = _EMBED.sub(lambda m: f'\n\n<p><a href="{m.group(1).strip()}">{m.group(1).strip()}</a></p>\n\n', html)

    def unknown_pair(match: re.Match) -> str:
        notes.append(f"shortcode [{match.group(1)}] removed (its text was kept)")
        return match.group(2)

    def unknown(match: re.Match) -> str:
        notes.append(f"shortcode [{match.group(1)}] removed")
        return ""

    html = _SHORTCODE_PAIR.sub(unknown_pair, html)
    html = _SHORTCODE.sub(lambda m: unknown(m) if _looks_like_shortcode(m) else m.group(0), html)
    conversion = html_to_markdown(html, images=images)
    notes += [f"<{tag}> kept as HTML" for tag in dict.fromkeys(conversion.kept_html)]
    notes += [_removed_note(tag) for tag in dict.fromkeys(conversion.removed)]
    return conversion.markdown, notes


def _removed_note(tag: str) -> str:
    if tag.endswith("(replaced by a link)"):
        return f"embedded <{tag.split()[0]}> replaced by a link to it"
    return f"<{tag}> removed (not allowed in articles)"


def _looks_like_shortcode(match: re.Match) -> bool:
    # "[1]" or "[sic]" in prose are not shortcodes; WordPress's own and plugins' names are.
    name = match.group(1)
    return name in _KNOWN_SHORTCODES_REMOVED or "_" in name or "-" in name or " " in match.group(0) or match.group(0).endswith("/]")


def old_paths(post: SourcePost, *, base_url: str) -> list[str]:
    """The addresses the post had: its permalink (path as Django sees it) and WordPress's `?p=` link."""
    paths = []
    if post.link:
        parts = urlsplit(post.link)
        if parts.query and re.fullmatch(r"(p|page_id)=\d+", parts.query):
            paths.append(f"?{parts.query}")
        elif parts.path:
            paths.append(unquote(parts.path))
    key = "page_id" if post.kind == "page" else "p"
    if post.source_id.isdigit():
        paths.append(f"?{key}={int(post.source_id)}")
    return list(dict.fromkeys(p for p in paths if p and p != "/"))
