"""HTML from other platforms to the Markdown newsdesk stores.

What Markdown can say (paragraphs, headings, emphasis, links, images, lists, quotes, code, rules)
becomes Markdown. What it cannot (tables, embeds, definition lists, ...) stays as HTML, sanitised by
the same rules as every body, and is named in `Conversion.kept_html`; elements the sanitiser removes
entirely (scripts, iframes, forms) are named in `Conversion.removed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import unquote, urlsplit

from newsdesk.content.markdown import sanitize_html

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "hr", "figure",
    "figcaption", "table", "section", "article", "header", "footer", "aside", "main", "dl", "iframe", "video",
    "audio", "script", "style", "form", "object", "details", "address", "nav", "center",
}  # fmt: skip
# Containers whose content is converted as if they were not there.
TRANSPARENT = {"div", "section", "article", "header", "footer", "main", "span", "font", "center", "aside", "nav", "body", "html"}
INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "del": "~~", "s": "~~", "strike": "~~"}
# Kept as they are: inline HTML that Markdown has no syntax for but the sanitiser allows.
INLINE_HTML = {"sub", "sup", "mark", "small", "abbr", "q", "cite", "kbd", "samp", "u", "ins", "time", "bdi", "bdo", "dfn"}
# Dropped with everything inside: never content.
DROPPED = {"script", "style", "noscript", "template", "head", "title", "form", "button", "input", "select", "textarea"}
REMOVED_EMBEDS = {"iframe", "object", "embed", "video", "audio", "canvas", "svg", "math"}


class ImageResolver(Protocol):
    """Where the images of a post are shown from (importers.inline_images.PostImages)."""

    def image(self, src: str, srcset: str, alt: str) -> tuple[str, bool]:
        """(address, True) to show the image from `address`, or (address, False) to link to it instead."""

    def link(self, href: str) -> str:
        """The address a link should lead to."""


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving HTML tree: unclosed tags close with their parent, stray end tags are ignored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        if tag == "p" or tag in BLOCK - {"li"}:
            # A block inside an open <p> closes it, as browsers do.
            if self.stack[-1].tag == "p" and tag in BLOCK:
                self.stack.pop()
        if tag == "li" and self.stack[-1].tag == "li":
            self.stack.pop()
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Conversion:
    markdown: str
    kept_html: list[str] = field(default_factory=list)  # tags kept as sanitised HTML
    removed: list[str] = field(default_factory=list)  # tags removed as unsafe or unsupported


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s)", re.MULTILINE)


def escape(text: str) -> str:
    """Text that Markdown shows exactly as written."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        return f"{indent}{marker[:-1]}\\{marker[-1]}"  # "1\." is not a list item
    return f"{indent}\\{marker}"


class _Converter:
    def __init__(self, images: ImageResolver | None = None):
        self.kept: list[str] = []
        self.removed: list[str] = []
        self.images = images
        self.links_open = 0

    # Blocks ------------------------------------------------------------------------------------
    def blocks(self, node: Node) -> list[str]:
        """The node's children as Markdown blocks; runs of inline content become paragraphs."""
        out: list[str] = []
        inline: list[Node | str] = []

        def flush():
            text = self.inline(inline).strip()
            if text:
                out.append(text)
            inline.clear()

        for child in node.children:
            if isinstance(child, str) or (child.tag not in BLOCK and child.tag not in DROPPED | REMOVED_EMBEDS):
                inline.append(child)
                continue
            flush()
            out.extend(self.block(child))
        flush()
        return out

    def embed_link(self, node: Node) -> str:
        """An embedded player (YouTube, a map) becomes a link to what it showed."""
        src = node.attrs.get("src", "").strip()
        if src.startswith("//"):
            src = f"https:{src}"
        if not src.lower().startswith(("http://", "https://")):
            self.removed.append(node.tag)
            return ""
        self.removed.append(f"{node.tag} (replaced by a link)")
        return f"[{escape(src)}]({_url(src)})"

    def block(self, node: Node) -> list[str]:
        tag = node.tag
        if tag == "iframe":
            link = self.embed_link(node)
            return [link] if link else []
        if tag in DROPPED or tag in REMOVED_EMBEDS:
            self.removed.append(tag)
            return []
        if tag == "p":
            text = self.inline(node.children).strip()
            return [text] if text else []
        if tag in TRANSPARENT:
            return self.blocks(node)
        if re.fullmatch(r"h[1-6]", tag):
            text = self.inline(node.children).strip().replace("\n", " ")
            return [f"{'#' * max(2, int(tag[1]))} {text}"] if text else []
        if tag == "hr":
            return ["---"]
        if tag in ("ul", "ol"):
            return [self.list(node)] if node.children else []
        if tag == "li":
            return self.blocks(node)
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(node))
            return ["\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))] if inner else []
        if tag == "pre":
            return [self.code_block(node)]
        if tag == "figure":
            return self.figure(node)
        if tag == "figcaption":
            text = self.inline(node.children).strip()
            return [f"*{text}*"] if text else []
        return self.kept_as_html(node)

    def list(self, node: Node) -> str:
        lines = []
        number = int(node.attrs.get("start", "1") or 1) if node.attrs.get("start", "1").isdigit() else 1
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    child = Node("li", children=[child])
                else:
                    continue
            if child.tag != "li":
                child = Node("li", children=[child])
            marker = f"{number}." if node.tag == "ol" else "-"
            number += 1
            body = "\n\n".join(self.blocks(child)) or ""
            indent = " " * (len(marker) + 1)
            first, *rest = body.split("\n") if body else [""]
            lines.append(f"{marker} {first}".rstrip())
            lines.extend(f"{indent}{line}" if line else "" for line in rest)
        return "\n".join(lines)

    def code_block(self, node: Node) -> str:
        text = _text(node).strip("\n")
        fence = "```"
        while fence in text:
            fence += "`"
        language = ""
        code = next((c for c in node.children if isinstance(c, Node) and c.tag == "code"), None)
        for name in (code.attrs.get("class", "") if code else "").split():
            if name.startswith("language-"):
                language = name.removeprefix("language-")
        return f"{fence}{language}\n{text}\n{fence}"

    def figure(self, node: Node) -> list[str]:
        caption = next((c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"), None)
        rest = Node("div", children=[c for c in node.children if c is not caption])
        if _contains(rest, {"table", "iframe", "video", "audio", "blockquote", "embed", "object"}):
            return self.kept_as_html(node)
        out = self.blocks(rest)
        if caption is not None and (text := self.inline(caption.children).strip()):
            out.append(f"*{text}*")
        return out

    def kept_as_html(self, node: Node) -> list[str]:
        inside = _tags(node)
        links = [self.embed_link(n) for n in _find(node, "iframe")]
        if self.images is not None:
            node = self.local_images(node)
        html = sanitize_html(_html(node)).strip()
        if not re.sub(r"<[^>]*>", "", html).strip() and "<img" not in html:
            return [link for link in links if link]  # nothing left once the unsafe parts were removed
        self.kept.append(next((t for t in ("table", "dl", "details") if t in inside), node.tag))
        for tag in sorted(REMOVED_EMBEDS & inside):
            self.removed.append(tag)
        # A blank line around it, and none inside, so Markdown passes it through as one HTML block.
        return [re.sub(r"\n\s*\n", "\n", html)] if html else []

    def local_images(self, node: Node, in_link: bool = False) -> Node:
        """A copy of the tree with its images shown from where `images` says, or as links to them."""
        children = []
        for child in node.children:
            if isinstance(child, Node) and child.tag == "img" and (src := _image_src(child)):
                url, local = self.images.image(src, child.attrs.get("srcset", ""), child.attrs.get("alt", ""))
                keep = {k: v for k, v in child.attrs.items() if k in ("alt", "title", "width", "height")}
                label = _image_label(child, url)
                child = Node("img", {"src": url, **keep}) if local else label if in_link else Node("a", {"href": url}, [label])
            elif isinstance(child, Node):
                child = self.local_images(child, in_link or child.tag == "a")
            children.append(child)
        attrs = dict(node.attrs)
        if node.tag == "a" and attrs.get("href"):
            attrs["href"] = self.images.link(attrs["href"].strip())
        return Node(node.tag, attrs, children)

    # Inline ------------------------------------------------------------------------------------
    def inline(self, children: list[Node | str]) -> str:
        parts = []
        for child in children:
            if isinstance(child, str):
                parts.append(escape(re.sub(r"\s+", " ", child)))
                continue
            parts.append(self.inline_node(child))
        return re.sub(r" *\n *", "\n", re.sub(r"[ \t]+", " ", "".join(parts)))

    def inline_node(self, node: Node) -> str:
        tag = node.tag
        if tag in DROPPED or tag in REMOVED_EMBEDS:
            self.removed.append(tag)
            return ""
        if tag == "br":
            return "\\\n"
        if tag in INLINE_MARKS:
            mark = INLINE_MARKS[tag]
            inner = self.inline(node.children)
            stripped = inner.strip()
            if not stripped:
                return inner
            lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
            return f"{lead}{mark}{stripped}{mark}{trail}"
        if tag == "code":
            text = _text(node)
            ticks = "``" if "`" in text else "`"
            return f"{ticks}{text}{ticks}" if text else ""
        if tag == "a":
            self.links_open += 1
            try:
                inner = self.inline(node.children).strip()
            finally:
                self.links_open -= 1
            href = node.attrs.get("href", "").strip()
            if not href or href.lower().startswith(("javascript:", "data:", "vbscript:")):
                return inner
            if self.images is not None:
                href = self.images.link(href)
            return f"[{inner or escape(href)}]({_url(href)})"
        if tag == "img":
            src = _image_src(node)
            if not src:
                return ""
            if self.images is not None:
                src, local = self.images.image(src, node.attrs.get("srcset", ""), node.attrs.get("alt", ""))
                if not local:  # a link to it instead (inside a link already: its label only)
                    label = escape(_image_label(node, src))
                    return label if self.links_open else f"[{label}]({_url(src)})"
            alt = escape(node.attrs.get("alt", "").replace("\n", " "))
            title = node.attrs.get("title", "").replace('"', "'")
            title_part = f' "{title}"' if title else ""
            return f"![{alt}]({_url(src)}{title_part})"
        if tag in INLINE_HTML:
            return sanitize_html(_html(node))
        if tag in BLOCK:
            # A block inside inline content (a <div> in a <span>): its text, on its own line.
            return "\n" + "\n".join(self.block(node)) + "\n"
        return self.inline(node.children)


def _image_src(node: Node) -> str:
    src = node.attrs.get("src", "").strip()
    return "" if src.lower().startswith(("javascript:", "data:", "vbscript:")) else src


def _image_label(node: Node, url: str) -> str:
    """The text of the link that stands for an image not shown: its alt text, else its file name."""
    alt = " ".join(node.attrs.get("alt", "").split())
    return f"Image: {alt or unquote(urlsplit(url).path.rsplit('/', 1)[-1]) or url}"


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _text(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return "\n"
    return "".join(_text(child) for child in node.children)


def _tags(node: Node) -> set[str]:
    found = {node.tag}
    for child in node.children:
        if isinstance(child, Node):
            found |= _tags(child)
    return found


def _find(node: Node, tag: str) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            found += [child] if child.tag == tag else _find(child, tag)
    return found


def _contains(node: Node, tags: set[str]) -> bool:
    return bool(_tags(node) & tags)


def _html(node: Node | str) -> str:
    from html import escape as html_escape

    if isinstance(node, str):
        return html_escape(node, quote=False)
    attrs = "".join(f' {k}="{html_escape(v)}"' for k, v in node.attrs.items())
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{''.join(_html(c) for c in node.children)}</{node.tag}>"


def html_to_markdown(html: str, *, images: ImageResolver | None = None) -> Conversion:
    """Convert an HTML fragment to Markdown; see the module's docstring for what is kept as HTML.
    With `images`, each image is shown from the address it gives, or replaced by a link to it."""
    converter = _Converter(images)
    blocks = converter.blocks(parse_html(html))
    markdown = "\n\n".join(block for block in blocks if block.strip())
    return Conversion(
        markdown=(markdown.strip() + "\n") if markdown.strip() else "",
        kept_html=converter.kept,
        removed=converter.removed,
    )


def html_to_plain_text(html: str) -> str:
    """The text of a small HTML fragment (a comment), with paragraphs and line breaks as new lines."""
    root = parse_html(re.sub(r"<br\s*/?>", "\n", html, flags=re.IGNORECASE))
    parts: list[str] = []

    def walk(node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in DROPPED:
                if child.tag == "a" and (href := child.attrs.get("href", "")) and _text(child).strip() != href:
                    walk(child)
                    parts.append(f" ({href})")
                    continue
                walk(child)
                if child.tag in BLOCK:
                    parts.append("\n\n")

    walk(root)
    text = "".join(parts)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()
