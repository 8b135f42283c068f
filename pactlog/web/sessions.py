"""Whether a request comes from a browser with a session (signed-in staff), without opening it.

Public pages are the same for every anonymous reader and are kept whole (`web.pagecache`, and
nginx in front); a signed-in moderator's page differs (the footer links the moderation queue).
Reading `request.user` opens the session and makes Django answer `Vary: Cookie` for everyone,
so anonymous requests are told apart by the cookie alone: no cookie, no session to open.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest


def carries_session(request: HttpRequest) -> bool:
    """The request names a session: its page is neither taken from nor put in a shared cache."""
    return bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))


def session_mark(request: HttpRequest) -> str:
    """What a page's ETag adds for a request with a session ("" without one), so that an
    anonymous copy never revalidates as a signed-in one or back, nor one session's as
    another's (signing in gives a new session key). A digest: the key is never echoed."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return ""
    return "-s" + hashlib.sha256(key.encode()).hexdigest()[:16]
