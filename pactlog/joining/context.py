"""What every page's template may ask about the moderators (a context processor).

`may_moderate` is a callable, so the template evaluates it only where it asks (the footer),
and it opens no session for a request without one: an anonymous page stays the same for
every reader, and cacheable (`web.sessions`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from pactlog.joining.services import is_moderator
from pactlog.web.sessions import carries_session


def moderation(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    def may_moderate() -> bool:
        return carries_session(request) and is_moderator(request.user)

    return {"may_moderate": may_moderate}
