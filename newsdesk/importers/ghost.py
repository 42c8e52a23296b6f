"""Ghost's JSON export (Settings → Advanced → Export content), versions 2 to 5.

Posts carry their content as rendered HTML (`html`) and as the editor's document (`lexical` since 5.x,
`mobiledoc` before). The HTML is used when present; otherwise the document is rendered here (the
common node types; anything else is reported).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from newsdesk.importers.markdown import html_to_markdown
from newsdesk.importers.wordpress import _removed_note as wordpress_note
from newsdesk.importers.sources import ImportError_, SourceAuthor, SourcePost, SourceSite, SourceTerm

MAX_BYTES = 512 * 1024 * 1024  # JSON is parsed whole; refuse what would not fit comfortably in memory


@dataclass
class GhostExport:
    site: SourceSite
    authors: list[SourceAuthor] = field(default_factory=list)
    tags: list[SourceTerm] = field(default_factory=list)
    posts: list[SourcePost] = field(default_factory=list)


def _date(value) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):  # Ghost 0.x: milliseconds since the epoch
        return datetime.fromtimestamp(value / 1000, tz=timezone.utc)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def read_ghost(path: Path) -> GhostExport:
    """Parse a Ghost export into sources dataclasses; raise ImportError_ with a clear message if it is not one."""
    if path.stat().st_size > MAX_BYTES:
        raise ImportError_(f"{path}: larger than {MAX_BYTES // 2**20} MB; split the export.")
    try:
        document = json.loads(path.read_bytes())
    except UnicodeDecodeError as error:
        raise ImportError_(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}).") from error
    except json.JSONDecodeError as error:
        raise ImportError_(f"{path}: not valid JSON at line {error.lineno}, column {error.colno} ({error.msg}).") from error
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("posts"), list):
        raise ImportError_(f"{path}: not a Ghost export (expected {{\"db\": [{{\"data\": {{\"posts\": [...]}}}}]}}).")
    return _export(data, document.get("meta") or {})


def _rows(data: dict, name: str) -> list[dict]:
    rows = data.get(name) or []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _export(data: dict, meta: dict) -> GhostExport:
    settings = {row.get("key"): row.get("value") for row in _rows(data, "settings")}
    site = SourceSite(source="ghost", url=str(settings.get("url") or ""), title=str(settings.get("title") or ""))
    export = GhostExport(site=site)
    users = {str(u["id"]): u for u in _rows(data, "users") if "id" in u}
    for user in users.values():
        export.authors.append(
            SourceAuthor(
                source_id=str(user["id"]), login=str(user.get("slug") or ""), name=str(user.get("name") or user.get("slug") or ""),
                email=str(user.get("email") or ""), bio=str(user.get("bio") or ""), slug=str(user.get("slug") or ""),
            )
        )  # fmt: skip
    tags = {}
    for tag in _rows(data, "tags"):
        if "id" not in tag or str(tag.get("visibility", "public")) == "internal" or str(tag.get("name", "")).startswith("#"):
            continue  # internal tags (#hash) organise Ghost's own templates
        tags[str(tag["id"])] = tag
        export.tags.append(
            SourceTerm(kind="tag", source_id=str(tag.get("slug")), slug=str(tag.get("slug") or ""), name=str(tag.get("name") or ""))
        )
    post_tags: dict[str, list[tuple[int, str]]] = {}
    for row in _rows(data, "posts_tags"):
        if str(row.get("tag_id")) in tags:
            post_tags.setdefault(str(row.get("post_id")), []).append((row.get("sort_order") or 0, str(row["tag_id"])))
    post_authors: dict[str, list[tuple[int, str]]] = {}
    for row in _rows(data, "posts_authors"):
        post_authors.setdefault(str(row.get("post_id")), []).append((row.get("sort_order") or 0, str(row.get("author_id"))))
    posts_meta = {str(row.get("post_id")): row for row in _rows(data, "posts_meta")}
    for row in _rows(data, "posts"):
        export.posts.append(_post(row, tags, post_tags, post_authors, posts_meta))
    return export


def _post(row: dict, tags, post_tags, post_authors, posts_meta) -> SourcePost:
    post_id = str(row.get("id"))
    kind = row.get("type") or ("page" if row.get("page") in (1, True) else "post")
    authors = [author for _, author in sorted(post_authors.get(post_id, []))]
    if not authors and row.get("author_id") is not None:
        authors = [str(row["author_id"])]
    ordered = [tags[tag_id] for _, tag_id in sorted(post_tags.get(post_id, []))]
    meta = posts_meta.get(post_id, {})
    status = str(row.get("status") or "draft")
    return SourcePost(
        source_id=post_id,
        kind=str(kind),
        title=str(row.get("title") or ""),
        slug=str(row.get("slug") or ""),
        status={"sent": "sent"}.get(status, status),
        content_html=_content(row),
        excerpt=str(row.get("custom_excerpt") or ""),
        published_at=_date(row.get("published_at")),
        modified_at=_date(row.get("updated_at")),
        author_ids=authors,
        tags=[(str(tag.get("slug")), str(tag.get("name") or "")) for tag in ordered],
        visibility=str(row.get("visibility") or "public"),
        featured_image_url=str(row.get("feature_image") or row.get("image") or ""),
        featured_image_alt=str(meta.get("feature_image_alt") or ""),
        featured_image_caption=str(meta.get("feature_image_caption") or ""),
        link=f"/{row.get('slug')}/" if row.get("slug") else "",
    )


def _content(row: dict) -> str:
    if row.get("html"):
        return str(row["html"])
    for name, render in (("lexical", render_lexical), ("mobiledoc", render_mobiledoc)):
        if row.get(name):
            try:
                document = json.loads(row[name]) if isinstance(row[name], str) else row[name]
                return render(document)
            except (ValueError, TypeError, KeyError, AttributeError):
                return ""
    if row.get("markdown"):  # Ghost 0.x
        return "".join(f"<p>{escape(p)}</p>" for p in str(row["markdown"]).split("\n\n"))
    return ""


# Lexical (Ghost 5) -------------------------------------------------------------------------------

_FORMATS = [(1, "strong"), (2, "em"), (4, "s"), (8, "u"), (16, "code"), (32, "sub"), (64, "sup")]


def render_lexical(document: dict) -> str:
    return "".join(_lexical(node) for node in document.get("root", {}).get("children", []))


def _lexical(node: dict) -> str:
    kind, children = node.get("type"), node.get("children", [])
    inner = "".join(_lexical(child) for child in children)
    if kind == "text" or kind == "extended-text":
        text = escape(node.get("text", ""))
        for bit, tag in _FORMATS:
            if node.get("format", 0) & bit:
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind == "linebreak":
        return "<br>"
    if kind in ("link", "autolink"):
        return f'<a href="{escape(node.get("url", ""))}">{inner}</a>'
    if kind in ("paragraph",):
        return f"<p>{inner}</p>"
    if kind in ("heading", "extended-heading"):
        tag = node.get("tag", "h2")
        return f"<{tag}>{inner}</{tag}>" if re.fullmatch(r"h[1-6]", tag) else f"<h2>{inner}</h2>"
    if kind in ("quote", "extended-quote", "aside"):
        return f"<blockquote>{inner}</blockquote>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" else "ul"
        return f"<{tag}>{inner}</{tag}>"
    if kind == "listitem":
        return f"<li>{inner}</li>"
    if kind == "horizontalrule":
        return "<hr>"
    if kind == "image":
        caption = f"<figcaption>{node.get('caption', '')}</figcaption>" if node.get("caption") else ""
        return f'<figure><img src="{escape(node.get("src", ""))}" alt="{escape(node.get("alt", ""))}">{caption}</figure>'
    if kind == "codeblock":
        return f'<pre><code class="language-{escape(node.get("language", ""))}">{escape(node.get("code", ""))}</code></pre>'
    if kind in ("html", "markdown"):
        return node.get("html", "") or f"<p>{escape(node.get('markdown', ''))}</p>"
    if kind == "embed" and node.get("url"):
        return f'<p><a href="{escape(node["url"])}">{escape(node["url"])}</a></p>'
    return f"<div data-ghost-card=\"{escape(str(kind))}\">{inner}</div>" if inner else f"<unsupported-{escape(str(kind))}></unsupported-{escape(str(kind))}>"


# Mobiledoc (Ghost 1 to 4) ------------------------------------------------------------------------


def render_mobiledoc(document: dict) -> str:
    markups, atoms, cards = document.get("markups", []), document.get("atoms", []), document.get("cards", [])
    out = []
    for section in document.get("sections", []):
        kind = section[0]
        if kind == 1:  # markup section: [1, tag, markers]
            tag = section[1].lower() if str(section[1]).lower() in {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside"} else "p"
            tag = "blockquote" if tag == "aside" else tag
            out.append(f"<{tag}>{_markers(section[2], markups, atoms)}</{tag}>")
        elif kind == 3:  # list section: [3, "ul"|"ol", [markers, ...]]
            tag = "ol" if section[1] == "ol" else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_markers(item, markups, atoms)}</li>" for item in section[2]) + f"</{tag}>")
        elif kind == 10:  # card section: [10, card index]
            name, payload = cards[section[1]]
            out.append(_card(name, payload))
    return "".join(out)


def _markers(markers: list, markups: list, atoms: list) -> str:
    html, open_tags = [], []
    for marker in markers:
        kind, opens, closes, value = marker
        for index in opens:
            tag, *attrs = markups[index]
            attributes = dict(zip(attrs[0][::2], attrs[0][1::2])) if attrs and attrs[0] else {}
            href = f' href="{escape(attributes["href"])}"' if tag == "a" and "href" in attributes else ""
            html.append(f"<{tag}{href}>")
            open_tags.append(tag)
        html.append(escape(value) if kind == 0 else escape(str(atoms[value][1])))
        for _ in range(closes):
            html.append(f"</{open_tags.pop()}>")
    return "".join(html)


def _card(name: str, payload: dict) -> str:
    if name in ("markdown", "card-markdown"):
        return f"<div data-markdown>{escape(payload.get('markdown', ''))}</div>"
    if name == "html":
        return payload.get("html", "")
    if name == "image":
        caption = f"<figcaption>{payload['caption']}</figcaption>" if payload.get("caption") else ""
        return f'<figure><img src="{escape(payload.get("src", ""))}" alt="{escape(payload.get("alt", ""))}">{caption}</figure>'
    if name == "hr":
        return "<hr>"
    if name == "code":
        return f"<pre><code>{escape(payload.get('code', ''))}</code></pre>"
    return f"<unsupported-{escape(name)}></unsupported-{escape(name)}>"


_KG_COMMENTS = re.compile(r"<!--\s*kg-card-(begin|end):[^>]*-->")


def convert_content(html: str) -> tuple[str, list[str]]:
    """A Ghost post's HTML as Markdown, and what could not be converted."""
    notes = [f"Ghost card “{m}” could not be converted and was left out" for m in re.findall(r"<unsupported-([\w-]+)>", html)]
    html = re.sub(r"</?unsupported-[\w-]+>", "", _KG_COMMENTS.sub("", html))
    conversion = html_to_markdown(html)
    notes += [f"<{tag}> kept as HTML" for tag in dict.fromkeys(conversion.kept_html)]
    notes += [wordpress_note(tag) for tag in dict.fromkeys(conversion.removed)]
    return conversion.markdown, notes


def old_paths(item: SourcePost) -> list[str]:
    """Ghost's default address for a post or page: /slug/."""
    return [item.link] if item.link else []
