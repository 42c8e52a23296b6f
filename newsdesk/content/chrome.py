"""The parts of every page that come from settings rather than the story: navigation and footer links.

Read on every page, changed rarely: kept in the cache for a few seconds. Any change to sections,
pages or the publication forgets it at once in this process (and everywhere when the cache is Redis);
the baker forgets it before each batch, so baked pages never carry a stale copy from another process.
"""

from __future__ import annotations

from django.core.cache import cache

from newsdesk.content.models import Page, Section, forget_publication

CHROME_CACHE_KEY = "newsdesk:site-chrome"


def site_chrome() -> dict[str, list]:
    """The sections in the navigation and the pages linked from every footer."""
    chrome = cache.get(CHROME_CACHE_KEY)
    if chrome is None:
        chrome = {
            "navigation": list(Section.objects.filter(in_navigation=True)),
            "footer_pages": list(Page.objects.published().filter(in_footer=True)),
            "developing_stories": _developing_stories(),
        }
        cache.set(CHROME_CACHE_KEY, chrome, timeout=5)
    return chrome


def _developing_stories() -> list:
    """Developing stories an editor put in the navigation (the stories app forgets the chrome when they change)."""
    from newsdesk.stories.queries import navigation_stories

    return navigation_stories()


def forget_site_chrome() -> None:
    """Drop the cached navigation, footer and publication settings; the next read fetches them anew."""
    cache.delete(CHROME_CACHE_KEY)
    forget_publication()
