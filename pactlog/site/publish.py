"""Files a front web server serves without Python, and the marker that keys its page cache.

`<slug>/counters.json` for every agreement, and `version/current`: a symbolic link to an empty
folder named after the registry's version and the day (`version/<events>-<YYYY-MM-DD>`). nginx
keys its cache of whole pages by the real path of that link (`$realpath_root`, see
deploy/nginx-pactlog.conf and docs/deploy.md), so once the link moves no page of an older
version or day is served again: the front's cache is invalidated by this rename, never by a timer.

Counters are the most requested answer (embeds, dashboards) and change only when an event is
recorded, so they are written as files after every committed change (`registry_changed`) and
by `pactlog publish`. In production nginx serves `/<slug>/counters.json` from these files when
the request has no query string, and passes everything else to Django (docs/deploy.md). The
files hold exactly the bytes Django would answer. Their `as_of` is the day they were written:
run `pactlog publish` daily so that the date moves on (the counts themselves cannot change
without an event, since no date in the registry lies in the future).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections

from pactlog import memos
from pactlog.registry import dates, timeline
from pactlog.registry.caching import registry_version
from pactlog.registry.models import Agreement
from pactlog.registry.provenance import with_provenance

log = logging.getLogger(__name__)
_published: tuple[int, dt.date] | None = None


@memos.register
def _forget_published() -> None:
    global _published
    _published = None


#: Marker folders kept besides the current one: a request resolving the link while it moves
#: still finds the folder it read (nginx answers 500 when the link's target has gone).
KEEP_MARKERS = 8
MARKER_DIR = "version"
CURRENT = "current"


def counters_of(agreement: Agreement, day: dt.date) -> dict[str, Any]:
    """The counts as of `day`, with where the list comes from and when it was last read."""
    return with_provenance(timeline.counts(agreement, day), agreement)


def counters_body(counts: dict[str, Any]) -> bytes:
    """The JSON bytes of `/<slug>/counters.json`, the same whether Django or a file answers."""
    return json.dumps(counts, ensure_ascii=False).encode("utf-8")


def write_atomically(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def publish(root: Path, today: dt.date | None = None, version: int | None = None) -> list[Path]:
    """Write every agreement's counters as of `today`, then move the front's cache marker to
    `version` (default: the registry's); returns the files written."""
    day = today or dates.today()
    seen = registry_version() if version is None else version
    written = []
    for agreement in Agreement.objects.all():
        path = root / agreement.slug / "counters.json"
        write_atomically(path, counters_body(counters_of(agreement, day)))
        written.append(path)
    point_front_at(root, seen, day)
    return written


def marker_name(version: int, day: dt.date) -> str:
    return f"{version}-{day.isoformat()}"


def _parse_marker(name: str) -> tuple[int, dt.date] | None:
    version, _, day = name.partition("-")
    try:
        return int(version), dt.date.fromisoformat(day)
    except ValueError:
        return None


def current_marker(root: Path) -> tuple[int, dt.date] | None:
    """The (version, day) the front's cache is keyed by now, if the marker exists."""
    try:
        return _parse_marker(os.readlink(root / MARKER_DIR / CURRENT))
    except OSError:
        return None


def point_front_at(root: Path, version: int, day: dt.date) -> bool:
    """Move `version/current` to the folder of (version, day), only ever forwards.

    Several processes may publish at once (each gunicorn worker after its own change, the
    watcher of each front); comparing with the current marker means a slow one never moves
    the link back to an older version. Returns whether the link moved.
    """
    held = current_marker(root)
    if held is not None and held >= (version, day):
        return False
    folder = root / MARKER_DIR
    name = marker_name(version, day)
    (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / name).chmod(0o755)
    link = folder / f".{CURRENT}.{secrets.token_hex(8)}"
    link.unlink(missing_ok=True)
    link.symlink_to(name)
    os.replace(link, folder / CURRENT)
    _prune_markers(folder)
    return True


def _prune_markers(folder: Path) -> None:
    markers = sorted(
        (parsed, path)
        for path in folder.iterdir()
        if path.is_dir() and not path.is_symlink() and (parsed := _parse_marker(path.name))
    )
    for _, path in markers[:-KEEP_MARKERS]:
        try:
            path.rmdir()
        except OSError:  # another publisher removed it first, or someone put a file there
            pass


def publish_after_change(**_: Any) -> None:
    """`registry_changed` receiver: publish once per registry version and day (if a folder is
    set)."""
    global _published
    root = settings.PUBLISH_DIR
    seen = (registry_version(), dates.today())
    if root is None or seen == _published:
        return
    publish(Path(root), seen[1], seen[0])
    _published = seen
    log.info("published counters for registry version %s", seen[0])


def follow(root: Path) -> bool:
    """One look at the registry: publish if its version or the day moved on since the marker.

    Every front runs this in a loop (`pactlog publish --watch`): a change committed through
    another application server reaches this front's files and cache key within one interval.
    """
    seen = (registry_version(), dates.today())
    if current_marker(root) == seen:
        return False
    publish(root, seen[1], seen[0])
    return True


def watch(root: Path, interval: float, rounds: int | None = None) -> None:
    """`follow` every `interval` seconds (for ever, or `rounds` times), riding out lost
    database connections."""
    done = 0
    while rounds is None or done < rounds:
        try:
            if follow(root):
                log.info("published registry version %s", current_marker(root))
        except DatabaseError:
            log.exception("could not read the registry; trying again")
            connections.close_all()
        done += 1
        if rounds is None or done < rounds:
            time.sleep(interval)
