"""The client's address: X-Forwarded-For is believed only from configured proxies, never guessed."""

import pytest
from django.test import RequestFactory

from newsdesk.core.net import client_ip
from tests.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db


def ip_of(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = []

    assert ip_of("198.51.100.7", "1.2.3.4") == "198.51.100.7"


def test_from_a_trusted_proxy_the_address_it_saw_is_the_client(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.1"]

    assert ip_of("10.0.0.1", "198.51.100.7") == "198.51.100.7"


def test_an_address_the_client_wrote_itself_is_not_believed(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.1"]

    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it really saw.
    assert ip_of("10.0.0.1", "1.2.3.4, 198.51.100.7") == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert ip_of("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.1.2.3") == "198.51.100.7"


def test_garbage_in_the_header_falls_back_to_the_last_trusted_address(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.1"]

    assert ip_of("10.0.0.1", "<script>, not-an-address") == "10.0.0.1"


def test_an_untrusted_client_cannot_claim_to_be_a_proxy(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.1"]

    assert ip_of("198.51.100.7", "10.0.0.1, 1.2.3.4") == "198.51.100.7"


def test_a_forged_forwarded_header_does_not_escape_the_address_limit(client, settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.1"]
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong", ip="198.51.100.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    response = sign_in(client, "guess-again", "wrong", ip="198.51.100.9", HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_is_limited_on_its_own(client, settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.1"]
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")

    blocked = sign_in(client, "guess-again", "wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    other = sign_in(client, "another", "wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.10")

    assert (blocked.status_code, other.status_code) == (429, 200)
