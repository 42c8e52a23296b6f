"""Rate limits per IP address (no token) and per token, answered with 429 and Retry-After."""

import pytest

from newsdesk.newsroom.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.NEWSDESK_API_RATE_ANONYMOUS = "3/min"
    settings.NEWSDESK_API_RATE_TOKEN = "5/min"


def test_an_ip_address_over_its_limit_gets_429_with_retry_after(client, limits):
    statuses = [client.get("/api/v1/sections").status_code for _ in range(4)]

    response = client.get("/api/v1/sections")

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"]


def test_another_ip_address_has_its_own_allowance(client, limits):
    for _ in range(3):
        client.get("/api/v1/sections")

    assert client.get("/api/v1/sections", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_forwarded_for_is_ignored_from_untrusted_peers(client, limits):
    for n in range(3):
        client.get("/api/v1/sections", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    assert client.get("/api/v1/sections", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_a_token_has_its_own_allowance(api, make_user, token_for, limits):
    secret = token_for(make_user(Role.AUTHOR))
    for _ in range(3):
        api().get("/api/v1/sections")

    statuses = [api(secret).get("/api/v1/sections").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_made_up_tokens_are_refused_and_do_not_escape_the_ip_limit(api, limits):
    statuses = [api(f"ndk_{n:043d}").get("/api/v1/sections").status_code for n in range(4)]

    assert statuses == [401, 401, 401, 429]


def test_guessing_tokens_for_the_newsroom_api_is_held_to_the_ip_limit(api, limits):
    responses = [api(f"ndk_{n:043d}").get("/api/v1/newsroom/articles/1") for n in range(4)]

    assert [response.status_code for response in responses] == [401, 401, 401, 429]
    assert 1 <= int(responses[-1]["Retry-After"]) <= 60


def test_two_tokens_are_counted_apart(api, make_user, token_for, limits):
    first, second = token_for(make_user(Role.AUTHOR, "one")), token_for(make_user(Role.AUTHOR, "two"))
    for _ in range(5):
        api(first).get("/api/v1/sections")

    assert api(first).get("/api/v1/sections").status_code == 429
    assert api(second).get("/api/v1/sections").status_code == 200


def test_write_endpoints_are_limited_per_token(api, make_user, token_for, limits):
    secret = token_for(make_user(Role.AUTHOR))
    statuses = [api(secret).get("/api/v1/newsroom/articles/1").status_code for _ in range(6)]

    assert statuses[-1] == 429
