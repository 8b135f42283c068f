"""Abuse limits of the join and withdrawal forms (counters in the `ratelimit` cache alias).

Per client address: PACTLOG_JOIN_PER_IP_MINUTE submissions a minute and
PACTLOG_JOIN_PER_IP_5_MINUTES in five minutes; per canonical e-mail address:
PACTLOG_JOIN_PENDING_PER_EMAIL requests not yet decided. PACTLOG_JOIN_LIMITS=off turns them
off (tests and benchmarks only).
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone

from pactlog.joining.models import PENDING, Contact, State


def client_address(request: HttpRequest) -> str:
    """The client's IP address (REMOTE_ADDR; trusted proxies are the hardening layer's job)."""
    return str(request.META.get("REMOTE_ADDR", "") or "")


def enabled() -> bool:
    return bool(settings.PACTLOG_JOIN_LIMITS)


def _hit(key: str, window: int) -> int:
    """Count one more hit in the current fixed window of `window` seconds; returns the count."""
    cache = caches["ratelimit"]
    slot = int(time.time() // window)
    full = f"join:{key}:{window}:{slot}"
    cache.add(full, 0, timeout=window + 1)
    try:
        return int(cache.incr(full))
    except ValueError:  # expired between add and incr
        cache.set(full, 1, timeout=window + 1)
        return 1


def address_allows(request: HttpRequest, what: str = "join") -> bool:
    """Count this submission from the client's address; False once over either limit."""
    if not enabled():
        return True
    ip = client_address(request)
    minute = _hit(f"{what}:ip:{ip}", 60)
    five = _hit(f"{what}:ip5:{ip}", 300)
    return (
        minute <= settings.PACTLOG_JOIN_PER_IP_MINUTE
        and five <= settings.PACTLOG_JOIN_PER_IP_5_MINUTES
    )


def email_allows(key: str) -> bool:
    """False when this canonical address already has the maximum of pending requests.

    An unconfirmed request stops counting when its link expires, so nobody can block an
    address for longer by filling the form with it.
    """
    if not enabled():
        return True
    live = timezone.now() - dt.timedelta(days=settings.PACTLOG_JOIN_TOKEN_DAYS)
    pending = (
        Contact.objects.filter(email_key=key, request__state__in=PENDING)
        .exclude(request__state=State.UNCONFIRMED, request__submitted_at__lt=live)
        .count()
    )
    return pending < settings.PACTLOG_JOIN_PENDING_PER_EMAIL
