"""Who is asking: the client's address, with X-Forwarded-For believed only from configured proxies."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    """NEWSDESK_TRUSTED_PROXIES as networks: single addresses or CIDR ranges (10.0.0.0/8)."""
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The client's address. X-Forwarded-For is read only when the connection comes from a proxy listed
    in NEWSDESK_TRUSTED_PROXIES, and then from the right: each trusted proxy appends the address it saw,
    so the first address from the right that is not a trusted proxy is the client; anything a client
    wrote itself (further left) is never believed."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "NEWSDESK_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(_address(remote or ""), networks):
        return remote
    forwarded = request.headers.get("X-Forwarded-For", "")
    for item in reversed(forwarded.split(",")):
        address = _address(item)
        if address is None:
            break  # garbage in the header: stop at the last address a trusted proxy vouched for
        if not _is_trusted(address, networks):
            return str(address)
        remote = str(address)
    return remote
