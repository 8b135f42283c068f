"""Freshness through the front, shared by tests/test_nginx_front.py and bench/site_bench.py.

`change(tag)` commits one change through the service layer (a new supporter as of today, and a
renamed existing one) and returns the time of the commit; `pages_changed` polls pages through
nginx until each shows the new content, and says how long after the commit each still answered
with the old version (the staleness the front allows) and when the new one first arrived (that
plus the time Django takes to render a page the change made cold).
"""

from __future__ import annotations

import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

#: An organisation of both real snapshots, renamed by every change (its page must follow).
RENAMED = "microsoft"

#: Pages that every `change` alters, with the text that proves the new version is shown.
FRESH_PAGES = {
    "home": "/en/paris-call/",
    "home, French": "/fr/paris-call/",
    "filtered list": "/en/paris-call/supporters/?category=private-sector&order=-date",
    "supporter": f"/en/paris-call/supporters/{RENAMED}/",
    "changes": "/en/paris-call/changes/",
    "CSV export": "/exports/paris-call/supporters.csv?category=private-sector",
    "counters.json": "/paris-call/counters.json",
}


def new_name(tag: str) -> str:
    return f"Freshness check {tag}"


def renamed(tag: str) -> str:
    return f"Microsoft (check {tag})"


def expected(page: str, tag: str) -> bytes:
    """What `page` shows once the change `tag` is visible."""
    if page == "supporter":
        return renamed(tag).encode()
    if page == "counters.json":
        return b""  # checked by its total rather than a name
    return new_name(tag).encode()


def change(tag: str) -> float:
    """One committed change through the service layer; the time (time.time()) it committed."""
    from django.db import transaction

    from pactlog.registry import services
    from pactlog.registry.dates import Interval, today
    from pactlog.registry.models import Actor, Agreement

    committed: list[float] = []
    with transaction.atomic():
        # Registered first, so it runs before the after-commit publishing.
        transaction.on_commit(lambda: committed.append(time.time()))
        agreement = Agreement.objects.get(slug="paris-call")
        (actor,) = services.create_actors(
            [
                services.ActorSpec(
                    kind="organisation",
                    name=new_name(tag),
                    category="private-sector",
                    country="FRA",
                )
            ]
        )
        services.start_endorsements(agreement, [(actor, Interval.day(today()))], "check")
        old = Actor.objects.get(public_id=RENAMED)
        services.update_actors([(old, replace(services.spec_of(old), name=renamed(tag)), [])])
    return committed[0]


def start_watcher(env: dict[str, str]) -> subprocess.Popen[str]:
    """`pactlog publish --watch` with these settings, once it has looked at the registry."""
    from tests.browser import helpers

    command = [*helpers.PACTLOG, "publish", "--watch", "--interval", "0.2"]
    process = subprocess.Popen(
        command, env=env, cwd=helpers.ROOT, stdout=subprocess.PIPE, text=True
    )
    assert "watching" in process.stdout.readline()  # type: ignore[union-attr]
    return process


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


@dataclass
class Seen:
    """When, after the commit, a reader polling one page stopped getting the old version."""

    stale_until: float  # the start of the last request answered with the old page
    shown: float  # the arrival of the first answer showing the change


def page_changed(url: str, before: bytes, sign: bytes, committed: float, limit: float) -> Seen:
    """Poll `url` as fast as the front answers until it differs from `before` and shows
    `sign` (or until `limit` seconds after `committed`)."""
    stale_until = 0.0
    while time.time() - committed < limit:
        asked = time.time() - committed
        body = get(url)
        if body != before and sign in body:
            return Seen(stale_until, time.time() - committed)
        stale_until = asked
    return Seen(float("inf"), float("inf"))


def pages_changed(
    base: str, before: dict[str, bytes], tag: str, committed: float, limit: float = 5.0
) -> dict[str, Seen]:
    """Poll every page (one reader each, all at once) until it shows `tag`'s change."""
    with ThreadPoolExecutor(len(FRESH_PAGES)) as pool:
        futures = {
            name: pool.submit(
                page_changed, base + path, before[name], expected(name, tag), committed, limit
            )
            for name, path in FRESH_PAGES.items()
        }
        return {name: future.result() for name, future in futures.items()}
