"""Story pages, live pages and what a live page's script polls. Each view finds, then renders."""

from __future__ import annotations

from django.db.models import Case, When
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from newsdesk.core.templatetags.newsdesk import absolute
from newsdesk.stories import queries
from newsdesk.stories.models import LiveCoverage, Story
from newsdesk.stories.sse import encode_event, retry_field

# A reader whose server cannot hold a stream open (plain WSGI) reconnects this soon.
WSGI_RETRY_MS = 1500


def story_index(request):
    developing_first = Case(When(status=Story.Status.DEVELOPING, then=0), default=1)
    stories = list(Story.objects.order_by(developing_first, "-updated_at"))
    return render(request, "stories/index.html", {"stories": stories})


def story(request, slug: str):
    found = get_object_or_404(Story, slug=slug)
    coverage = queries.current_coverage(found)
    latest_updates = []
    if coverage is not None:
        latest_updates = [u for u in coverage.updates.shown() if not u.is_removed][:3]
    context = {
        "story": found,
        "facts": list(found.facts.all()),
        "people": queries.people_by_group(found),
        "timeline": list(found.timeline.select_related("article")),
        "articles": list(queries.story_articles(found)),
        "coverage": coverage,
        "latest_updates": latest_updates,
        "canonical_url": absolute(found.get_absolute_url()),
    }
    return render(request, "stories/story.html", context)


def live(request, slug: str):
    coverage = get_object_or_404(LiveCoverage.objects.select_related("story"), slug=slug)
    updates = queries.live_updates(coverage)
    context = {
        "coverage": coverage,
        "story": coverage.story,
        "updates": updates,
        "pinned": next((u for u in updates if u.is_pinned and not u.is_removed), None),
        "last_event_id": queries.last_event_id(coverage),
        "canonical_url": absolute(coverage.get_absolute_url()),
    }
    return render(request, "stories/live.html", context)


def _after(request) -> int:
    """The last event the reader has: Last-Event-ID (EventSource reconnecting) or ?after=N."""
    raw = request.headers.get("Last-Event-ID") or request.GET.get("after") or "0"
    if not raw.isdigit() or len(raw) > 18:
        raise Http404("“after” must be the number of an event.")
    return int(raw)


@never_cache
def live_events(request, slug: str):
    """Server-Sent Events without a stream: what is new, then the reader reconnects shortly.

    `make run` answers this address from the ASGI stream (newsdesk.asgi), which keeps the connection
    open; this view serves deployments that run the plain WSGI application, so readers still get updates.
    """
    coverage = get_object_or_404(LiveCoverage, slug=slug)
    after = _after(request)
    body = retry_field(WSGI_RETRY_MS) + b"".join(
        encode_event(event.pk, event.payload) for event in queries.events_after(coverage.pk, after)
    )
    response = HttpResponse(body, content_type="text/event-stream; charset=utf-8")
    response["X-Accel-Buffering"] = "no"
    return response


@never_cache
def live_events_json(request, slug: str):
    """The polling fallback: events after ?after=N, oldest first, and whether the coverage is still live."""
    coverage = get_object_or_404(LiveCoverage, slug=slug)
    events = queries.events_after(coverage.pk, _after(request))
    return JsonResponse({"live": coverage.is_live, "events": [{"id": e.pk, **e.payload} for e in events]})
