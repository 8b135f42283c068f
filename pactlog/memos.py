"""Process-wide memos, registered where they live so that one call forgets them all.

A memo keyed by a registry version (a timeline, counted steps, an open log) is only right for
the database it was read from. The test suite restores the database between tests, so the same
primary key and version can come back with other rows: `forget_all()` (run before every test by
one fixture in conftest.py) empties every registered memo. Pure functions of their arguments or
of files shipped with the code (country names, the groups' catalogue) are not memos of the
database and are not registered.
"""

from __future__ import annotations

from collections.abc import Callable

_forgetters: list[Callable[[], None]] = []


def register(forget: Callable[[], None]) -> Callable[[], None]:
    """Remember how to empty one memo (a dict's `clear`, an lru cache's `cache_clear`...)."""
    _forgetters.append(forget)
    return forget


def forget_all() -> None:
    """Empty every registered memo of this process."""
    for forget in _forgetters:
        forget()
