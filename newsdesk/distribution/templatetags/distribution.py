"""{% load distribution %}: a page's canonical address, feed links, Open Graph, Twitter card and JSON-LD.

base.html renders `{% page_meta %}` in its `metadata` block; the article, section, tag, author and
front page templates fill that block with the tag made for them.
"""

from django import template

from newsdesk.distribution import metadata
from newsdesk.distribution.structured_data import to_script_json

register = template.Library()
HEAD = "distribution/head.html"


def _page_number(context) -> int:
    page_obj = context.get("page_obj")
    return page_obj.number if page_obj is not None else 1


@register.inclusion_tag(HEAD, takes_context=True)
def page_meta(context):
    """The head of a page with no tag of its own: a static page, the latest stories, an error page."""
    if context.get("publication") is None:  # a template rendered without the site's context: say nothing
        return {"meta": metadata.PageMeta()}
    return {
        "meta": metadata.other_page_meta(
            publication=context["publication"],
            page=context.get("page"),
            list_url=context.get("list_url"),
            page_number=_page_number(context),
        )
    }


@register.inclusion_tag(HEAD, takes_context=True)
def article_meta(context, article):
    """An article page: Open Graph article, NewsArticle, breadcrumbs."""
    bylines = context.get("bylines")
    if bylines is None:
        bylines = list(article.bylines.select_related("author"))
    return {"meta": metadata.article_meta(article, bylines=bylines, publication=context["publication"])}


@register.inclusion_tag(HEAD, takes_context=True)
def section_meta(context, section):
    """A section page, with its own feeds first."""
    meta = metadata.section_meta(section, page_number=_page_number(context), publication=context["publication"])
    return {"meta": meta}


@register.inclusion_tag(HEAD, takes_context=True)
def tag_meta(context, tag):
    """A tag page, with its own feeds first."""
    meta = metadata.tag_meta(tag, page_number=_page_number(context), publication=context["publication"])
    return {"meta": meta}


@register.inclusion_tag(HEAD, takes_context=True)
def author_meta(context, author):
    """An author page: a profile and a Person."""
    meta = metadata.author_meta(author, page_number=_page_number(context), publication=context["publication"])
    return {"meta": meta}


@register.inclusion_tag(HEAD, takes_context=True)
def home_meta(context):
    """The front page: WebSite and the publisher."""
    return {"meta": metadata.home_meta(context["publication"])}


@register.filter
def ld_json(data: dict):
    """JSON-LD safe to put inside <script type="application/ld+json">."""
    return to_script_json(data)
