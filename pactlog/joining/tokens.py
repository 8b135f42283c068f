"""E-mail link tokens: random, stored only as a hash, bound to a request and a purpose,
single-use and expiring (`PACTLOG_JOIN_TOKEN_DAYS`, 7 by default)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from pactlog.joining.models import JoinRequest, Token


class TokenError(ValueError):
    """A link that cannot be used; the message says why, for the person who clicked it."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def issue(request: JoinRequest, purpose: str) -> str:
    """A new token for `request` and `purpose`; the caller e-mails it, we keep its hash."""
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    Token.objects.create(
        request=request,
        purpose=purpose,
        digest=digest(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.PACTLOG_JOIN_TOKEN_DAYS),
    )
    return raw


def check(request_id: int, purpose: str, raw: str, *, lock: bool = False) -> Token:
    """The unused, unexpired token `raw` of this request and purpose, or TokenError."""
    rows = Token.objects.select_related("request")
    if lock:
        rows = rows.select_for_update()
    token = rows.filter(digest=digest(raw)).first() if len(raw) <= 100 else None
    if token is None:
        raise TokenError(_("This link is not valid. Check that it was copied whole."))
    if token.request_id != request_id or token.purpose != purpose:
        raise TokenError(_("This link is not valid for this page."))
    if token.used_at is not None:
        raise TokenError(_("This link has already been used."))
    if token.expires_at <= timezone.now():
        raise TokenError(_("This link has expired. Please make a new request."))
    return token


def use(token: Token) -> None:
    token.used_at = timezone.now()
    token.save(update_fields=["used_at"])
