"""Markdown in, safe HTML out: every body and page on the site is rendered here and only here."""

from __future__ import annotations

import html as html_module
import re
import unicodedata

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin

# Tags a writer may use, in Markdown or as raw HTML (imports keep what Markdown cannot say). Anything
# else, and every attribute not listed, is removed: no script, style, form, iframe or event handler.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "bdi", "bdo", "wbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class", "aria-label"},
    "abbr": {"title"},
    "bdo": {"dir"},
    "blockquote": {"cite"},
    "code": {"class"},
    "img": {"src", "alt", "width", "height", "title"},
    "ol": {"start", "reversed"},
    "q": {"cite"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "time": {"datetime"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def heading_slug(text: str) -> str:
    """The anchor of a section heading: lower case words joined by hyphens, any script kept."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


def _demote_h1(state: StateCore) -> None:
    """The headline is the page's only h1, so a `#` heading in a body becomes an h2."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def _heading_permalink(self, tokens, idx, options, env) -> str:
    """Close a heading with a visible, labelled link to itself, so readers can share a section."""
    anchor = tokens[idx - 2].attrGet("id") if idx >= 2 else None
    close = self.renderToken(tokens, idx, options, env)
    if not anchor:
        return close
    return f' <a class="heading-anchor" href="#{anchor}" aria-label="Link to this section">#</a>{close}'


def _build_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.core.ruler.before("inline", "demote_h1", _demote_h1)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=heading_slug)
    md.add_render_rule("heading_close", _heading_permalink)
    return md


_MARKDOWN = _build_renderer()


def sanitize_html(html: str) -> str:
    """Keep only the tags and attributes the theme expects; links get rel=noopener noreferrer."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(source: str) -> str:
    """Render a Markdown body to sanitised HTML with linkable section headings."""
    return sanitize_html(_MARKDOWN.render(source or ""))


_PERMALINK = re.compile(r'<a class="heading-anchor"[^>]*>#</a>')


def html_to_text(html: str) -> str:
    """The words of an HTML fragment, for counting and summaries (heading permalinks left out)."""
    return html_module.unescape(nh3.clean(_PERMALINK.sub("", html), tags=set())).strip()
