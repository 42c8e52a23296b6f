"""What a live page's script asks for: the events it missed, as JSON (polling) or as Server-Sent Events."""

import json

import pytest

from newsdesk.stories import services

pytestmark = pytest.mark.django_db


def _events(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response


def test_polling_returns_only_events_after_the_one_given(client, coverage):
    first = services.post_update(coverage, body="One.")
    services.post_update(coverage, body="Two.")
    first_event = first.coverage.events.order_by("pk").first().pk

    data = json.loads(_events(client, f"/live/harbour-strike-live/events.json?after={first_event}").content)

    assert data["live"] is True
    assert [e["kind"] for e in data["events"]] == ["posted"]
    assert "Two." in data["events"][0]["html"]


def test_a_correction_is_an_event_carrying_the_updates_new_html(client, coverage):
    update = services.post_update(coverage, body="Ten ships.")
    services.correct_update(update, body="Twelve ships.", note="Miscounted.")

    events = json.loads(_events(client, "/live/harbour-strike-live/events.json?after=0").content)["events"]

    assert events[-1]["kind"] == "changed" and events[-1]["update"] == update.pk
    assert "Twelve ships." in events[-1]["html"] and "Miscounted." in events[-1]["html"]


def test_polling_says_when_coverage_has_ended(client, coverage):
    services.end_coverage(coverage)

    data = json.loads(_events(client, "/live/harbour-strike-live/events.json?after=0").content)

    assert data["live"] is False
    assert data["events"][-1]["kind"] == "ended"


def test_a_malformed_event_number_is_a_404(client, coverage):
    assert client.get("/live/harbour-strike-live/events.json?after=abc").status_code == 404


def test_an_unknown_live_page_has_no_events(client, db):
    assert client.get("/live/nothing/events.json").status_code == 404
    assert client.get("/live/nothing/events").status_code == 404


def test_the_event_stream_under_wsgi_sends_what_was_missed_and_a_short_retry(client, coverage):
    update = services.post_update(coverage, body="Gates shut.")

    response = _events(client, "/live/harbour-strike-live/events?after=0")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/event-stream")
    assert body.startswith("retry: 1500\n\n")
    assert "event: live\n" in body
    assert json.loads(body.split("data: ", 1)[1].split("\n", 1)[0])["update"] == update.pk


def test_the_event_stream_resumes_after_last_event_id(client, coverage):
    services.post_update(coverage, body="One.")
    last = coverage.events.order_by("-pk").first().pk
    services.post_update(coverage, body="Two.")

    body = _events(client, "/live/harbour-strike-live/events", HTTP_LAST_EVENT_ID=str(last)).content.decode()

    assert "Two." in body and "One." not in body


def test_events_are_never_cached(client, coverage):
    response = _events(client, "/live/harbour-strike-live/events.json?after=0")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
