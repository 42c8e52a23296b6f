"""{% load stories %}: the "Part of" box on article pages, and the heads of story and live pages."""

from django import template

from newsdesk.stories import metadata, queries

register = template.Library()
HEAD = "distribution/head.html"


@register.inclusion_tag("stories/includes/story_box.html", takes_context=True)
def story_box(context, article):
    """ "Part of: <story>" with its latest timeline entries and the previous and next instalments."""
    return {"part_of": queries.part_of(article), "article": article}


@register.inclusion_tag(HEAD, takes_context=True)
def story_meta(context, story):
    """A story page: its own feeds first, breadcrumbs, and the articles as an ItemList."""
    return {"meta": metadata.story_meta(story, publication=context["publication"])}


@register.inclusion_tag(HEAD, takes_context=True)
def live_meta(context, coverage, updates):
    """A live page: a LiveBlogPosting with every update."""
    return {"meta": metadata.live_meta(coverage, updates, publication=context["publication"])}
