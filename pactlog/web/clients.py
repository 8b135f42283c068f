"""Who is asking: the client's address, trusting `X-Forwarded-For` only from our own proxies.

Behind the documented nginx front, every request reaches gunicorn from 127.0.0.1; the real
client is in `X-Forwarded-For`. Anyone can send that header, so it is read only when the peer
(`REMOTE_ADDR`) is one of `settings.PACTLOG_TRUSTED_PROXIES` (addresses or networks; default
none), and then from the right: the first address that is not a trusted proxy is the client.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "PACTLOG_TRUSTED_PROXIES", ())))


def _address(text: str) -> str | None:
    """A normalised IP address, or None for anything else (ports and junk included)."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def is_trusted(address: str | None, networks: tuple[Network, ...]) -> bool:
    if address is None or not networks:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's IP address as our own proxies saw it; REMOTE_ADDR when there are none."""
    peer = _address(str(request.META.get("REMOTE_ADDR") or ""))
    networks = trusted_networks()
    if not is_trusted(peer, networks):
        return peer or "unknown"
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break  # a hop we cannot read: stop trusting what lies to its left
        if not is_trusted(address, networks):
            return address
        peer = address
    return peer or "unknown"
