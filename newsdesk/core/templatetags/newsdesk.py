"""Template helpers of the default theme."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from newsdesk.content.markdown import sanitize_html

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    """The public address of a site path, from NEWSDESK_BASE_URL (never from the request's Host)."""
    return f"{settings.NEWSDESK_BASE_URL}{path}"


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The address of page `number` of the list being shown; page 1 is the list's own address."""
    base = context["list_url"]
    return base if number == 1 else f"{base}page/{number}/"


@register.filter
def sanitized(html: str):
    """Stored HTML passed through the sanitiser again on its way out, so the page never trusts the database."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - sanitised on the line above
