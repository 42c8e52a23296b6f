"""What a live page's script asks for: never baked (they answer with what is new since the page was baked)."""

from django.urls import path

import newsdesk.content.urls  # noqa: F401 - registers the `uslug` converter used below
from newsdesk.stories import views

app_name = "stories_live"

urlpatterns = [
    path("live/<uslug:slug>/events", views.live_events, name="events"),
    path("live/<uslug:slug>/events.json", views.live_events_json, name="events-json"),
]
