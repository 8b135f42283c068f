"""Files a front web server serves without Python: `<slug>/counters.json` for every agreement.

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
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

from pactlog.registry import dates, timeline
from pactlog.registry.caching import registry_version
from pactlog.registry.models import Agreement

log = logging.getLogger(__name__)
_published_version: int | None = None


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


def publish(root: Path, today: dt.date | None = None) -> list[Path]:
    """Write every agreement's counters as of `today`; returns the files written."""
    day = today or dates.today()
    written = []
    for agreement in Agreement.objects.all():
        path = root / agreement.slug / "counters.json"
        write_atomically(path, counters_body(timeline.counts(agreement, day)))
        written.append(path)
    return written


def publish_after_change(**_: Any) -> None:
    """`registry_changed` receiver: publish once per registry version (if a folder is set)."""
    global _published_version
    root = settings.PUBLISH_DIR
    version = registry_version()
    if root is None or version == _published_version:
        return
    publish(Path(root))
    _published_version = version
    log.info("published counters for registry version %s", version)
