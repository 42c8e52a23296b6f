"""Stories and live pages, built through stories.services as editors build them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from newsdesk.stories import services
from newsdesk.stories.models import KeyFact, Person, Story, TimelineEntry
from tests.factories import ArticleFactory


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run after-commit hooks (re-bake requests, broadcasts) as a real commit would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def instalments(db):
    """Three published articles, oldest first, a day apart."""
    now = timezone.now()
    return [
        ArticleFactory(headline=f"Instalment {n}", slug=f"instalment-{n}", published_at=now - timedelta(days=4 - n))
        for n in (1, 2, 3)
    ]


@pytest.fixture
def story(db, instalments):
    """A developing story with its three instalments, two facts, three people and five timeline entries."""
    story = services.save_story(Story(title="Harbour strike", slug="harbour-strike", summary="Dockers *walk out*."))
    services.set_story_articles(story, instalments)
    KeyFact.objects.create(
        story=story, statement="Workers on strike", figure=12500, unit="workers", source="The union",
        as_of=date(2026, 2, 1), position=0,
    )  # fmt: skip
    KeyFact.objects.create(story=story, statement="Talks resume on Monday", position=1)
    Person.objects.create(story=story, name="Ada Byrne", role="Union leader", group="Union", description="Leads the strike.")
    Person.objects.create(story=story, name="Tom Hale", role="Port director", group="Port")
    Person.objects.create(story=story, name="Mia Wong", role="Negotiator", group="Union")
    for day, text, article in (
        (1, "Ballot opens", None), (5, "Strike vote passes", instalments[0]), (9, "First walk-out", instalments[1]),
        (12, "Port closes", None), (15, "Talks begin", instalments[2]),
    ):  # fmt: skip
        TimelineEntry.objects.create(story=story, happened_on=date(2026, 1, day), text=text, article=article)
    return story


@pytest.fixture
def coverage(story):
    return services.start_coverage(title="Harbour strike: live", slug="harbour-strike-live", story=story)
