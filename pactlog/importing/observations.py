"""Recording when an import read its source, for the record's provenance (docs/spec.md §10)."""

from __future__ import annotations

import datetime as dt

from pactlog.importing.agreements import description
from pactlog.registry import services
from pactlog.registry.models import Agreement


def source_label(slug: str, source: str) -> str:
    """What readers are told a source is: the agreement's description names its known sources
    (`sources:` in agreements/<slug>.yaml), otherwise the source's own name."""
    known = (description(slug) or {}).get("sources") or {}
    return str(known.get(source) or source)


def observed(agreement: Agreement, source: str, kind: str, day: dt.date, path: str = "") -> None:
    """The import read `source` on `day`: its list is evidence up to that day."""
    label = source_label(agreement.slug, source)
    services.note_observation(agreement, source, kind, day, label, path)
