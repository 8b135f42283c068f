"""Fixed-window request counters in their own cache alias, `ratelimit`.

The counters live apart from the page cache so that flooding pages with junk cannot evict
them (and so reset every limit); with `REDIS_URL` they are shared by every worker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import caches

ALIAS = "ratelimit"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    used: int
    retry_after: int


def count(bucket: str, who: str, limit: int, window: int = 60, cost: int = 1) -> Verdict:
    """Count `cost` against `who`'s budget of `limit` per `window` seconds in `bucket`."""
    cache = caches[ALIAS]
    now = time.time()
    slot = int(now // window)
    key = f"pactlog:rl:{bucket}:{who}:{slot}"
    cache.add(key, 0, timeout=window * 2)
    try:
        used = cache.incr(key, cost)
    except ValueError:  # evicted between add and incr: count this request as the first
        cache.set(key, cost, timeout=window * 2)
        used = cost
    retry_after = max(1, int((slot + 1) * window - now) + 1)
    return Verdict(used <= limit, used, retry_after)


def peek(bucket: str, who: str, window: int = 60) -> int:
    """How much `who` has used of the current window, without counting."""
    slot = int(time.time() // window)
    return int(caches[ALIAS].get(f"pactlog:rl:{bucket}:{who}:{slot}") or 0)
