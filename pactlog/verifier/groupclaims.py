"""Claims about a group, recomputed with the memberships the site serves at `/log/groups.json`.

Group memberships are curated data, not log entries, so a verdict on a claim about a group
(G7, Five Eyes, EU...) follows from the log only together with them. The site publishes them
(the file the monitor reads for `group:` watches, parsed here by the same `groups_from_json`),
so the verifier recomputes such a verdict from the replayed log with that file, and says so:
it shows that the site's verdict follows from its log and the memberships it publishes, not
that those memberships are right. The file is read once, and only when a claim names a group.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

from pactlog.tlog.errors import NotFoundError
from pactlog.verifier import untrusted
from pactlog.verifier.changes import groups_from_json
from pactlog.verifier.claims import Window

GROUPS_FILE = "/log/groups.json"
SOURCE = (
    f"recomputed from the log with the memberships the site serves at {GROUPS_FILE} "
    "(not part of the log)"
)
#: How a verdict recomputed with the groups file names its source in a difference.
GIVES = f"log, with the memberships of {GROUPS_FILE}, gives"

Windows = dict[str, list[Window]]
"""A group's memberships by country, as the claims engine takes them."""
Memberships = dict[str, Windows]


class GroupsError(ValueError):
    """The groups file cannot say a group's memberships: unreadable, or the group is absent."""


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"a date must be YYYY-MM-DD or null, not {value!r}")
    return dt.date.fromisoformat(value)


def memberships_from_json(data: Any) -> Memberships:
    """`{"groups": {slug: {"memberships": [{country, since, until}]}}}` as the engine's windows;
    GroupsError when it is not such a document."""
    try:
        found: Memberships = {}
        for slug, rows in groups_from_json(data).items():
            windows: Windows = {}
            for country, since, until in rows:
                windows.setdefault(country, []).append(Window(_day(since), _day(until)))
            found[slug] = windows
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise GroupsError(f"{GROUPS_FILE} is not a groups file ({exc!r})") from None
    return found


class SiteGroups:
    """The site's groups file, read at most once, on the first claim about a group.

    `fetch` reads a path below the site's `/log/` (the log's hardened HTTP reader). A file the
    site does not serve or that does not parse makes every claim about a group fail with
    GroupsError, which the site verifier reports; another read error (the site unreachable)
    is raised as the API's are."""

    def __init__(self, fetch: Callable[[str], bytes]) -> None:
        self._fetch = fetch
        self._lock = threading.Lock()
        self._read = False
        self._memberships: Memberships | None = None
        self._error = ""
        #: the groups of the claims whose verdicts were recomputed with the file, one per claim
        self.used: list[str] = []

    def _load(self) -> Memberships:
        with self._lock:
            if not self._read:
                try:
                    data = untrusted.loads(self._fetch("groups.json"))
                    self._memberships = memberships_from_json(data)
                except NotFoundError:
                    self._error = f"the site does not serve {GROUPS_FILE}"
                except GroupsError as exc:
                    self._error = str(exc)
                except ValueError as exc:
                    self._error = f"{GROUPS_FILE} is not JSON ({exc})"
                self._read = True
        if self._memberships is None:
            raise GroupsError(self._error)
        return self._memberships

    def windows(self, group: str) -> Windows:
        """The memberships of `group` by country; GroupsError if the file cannot say them."""
        found = self._load().get(group)
        if found is None:
            raise GroupsError(f"group {group!r} is not in {GROUPS_FILE}")
        self.used.append(group)
        return found

    def notes(self) -> list[str]:
        """What was checked with the file, for the report (nothing if no claim needed it)."""
        if not self.used:
            return []
        names = ", ".join(sorted(set(self.used)))
        return [f"claims: {len(self.used)} about a group ({names}): verdicts {SOURCE}"]
