"""Paginated lists whose pages have addresses of their own (/section/world/page/2/), as files can."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404


def paginate(items, number: int, *, per_page: int | None = None) -> Page:
    """Page `number` of `items`; a page that does not exist is a 404, never an error."""
    paginator = Paginator(items, per_page or settings.NEWSDESK_PAGE_SIZE, allow_empty_first_page=True)
    if number < 1 or number > paginator.num_pages:
        raise Http404(f"There is no page {number} of this list.")
    return paginator.page(number)


def page_from_query(value: str | None) -> int | None:
    """A `?page=` value as a page number, or None for anything that is not a positive whole number."""
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 6:
        return None
    number = int(value)
    return number if number >= 1 else None
