"""Story pages, their feeds and live pages: every address here is baked to a file."""

from django.urls import path

import newsdesk.content.urls  # noqa: F401 - registers the `uslug` converter used below
from newsdesk.stories import views
from newsdesk.stories.feeds import StoryAtomFeed, StoryRssFeed, story_json_feed

app_name = "stories"

urlpatterns = [
    path("stories/", views.story_index, name="index"),
    path("stories/<uslug:slug>/", views.story, name="story"),
    path("feeds/story/<uslug:slug>/rss.xml", StoryRssFeed(), name="feed-rss"),
    path("feeds/story/<uslug:slug>/atom.xml", StoryAtomFeed(), name="feed-atom"),
    path("feeds/story/<uslug:slug>/feed.json", story_json_feed, name="feed-json"),
    path("live/<uslug:slug>/", views.live, name="live"),
]
