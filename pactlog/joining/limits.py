"""Abuse limits of the join and withdrawal forms (counters in the `ratelimit` cache alias).

Per client address: PACTLOG_JOIN_PER_IP_MINUTE submissions a minute and
PACTLOG_JOIN_PER_IP_5_MINUTES in five minutes; per canonical e-mail address:
PACTLOG_JOIN_PENDING_PER_EMAIL requests not yet decided. PACTLOG_JOIN_LIMITS=off turns them
off (tests and benchmarks only).

Withdrawal links are limited three ways, so that no number of client addresses can flood one
supporter's contact: per client address (as above), per supporter
(PACTLOG_WITHDRAW_PER_SUPPORTER_DAY links a day) and per recipient
(PACTLOG_WITHDRAW_PER_RECIPIENT_DAY a day, whatever supporter they are for).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from pactlog.joining.models import PENDING, Contact, State
from pactlog.web import ratelimit
from pactlog.web.clients import client_ip


def client_address(request: HttpRequest) -> str:
    """The client's address as our own proxies saw it (`PACTLOG_TRUSTED_PROXIES`)."""
    return client_ip(request)


def enabled() -> bool:
    return bool(settings.PACTLOG_JOIN_LIMITS)


def address_allows(request: HttpRequest, what: str = "join") -> bool:
    """Count this submission from the client's address; False once over either limit."""
    if not enabled():
        return True
    ip = client_address(request)
    minute = ratelimit.count(f"{what}:ip", ip, settings.PACTLOG_JOIN_PER_IP_MINUTE, 60)
    five = ratelimit.count(f"{what}:ip5", ip, settings.PACTLOG_JOIN_PER_IP_5_MINUTES, 300)
    return minute.allowed and five.allowed


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


DAY = 86400


def withdrawal_allows(actor_id: str, recipient_key: str) -> bool:
    """Count one withdrawal link for this supporter and this recipient; False once over."""
    if not enabled():
        return True
    per_actor = getattr(settings, "PACTLOG_WITHDRAW_PER_SUPPORTER_DAY", 3)
    per_recipient = getattr(settings, "PACTLOG_WITHDRAW_PER_RECIPIENT_DAY", 5)
    actor = ratelimit.count("withdraw:actor", actor_id, per_actor, DAY)
    recipient = ratelimit.count("withdraw:to", recipient_key, per_recipient, DAY)
    return actor.allowed and recipient.allowed
