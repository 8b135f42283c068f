"""Where an agreement's list comes from and how fresh it is (docs/spec.md §10: evidence first).

An imported list is only as current as its last reading: a count shown as of a later day
silently repeats that reading. Every answer that shows a count or a list asks `provenance()`
and, for a day after `observed_until`, says so. An agreement with no imported source is
managed here (every change goes through pactlog itself): its record is current, no notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pactlog.registry.models import Agreement, ObservedSource


@dataclass(frozen=True)
class SourceSeen:
    name: str
    kind: str  # git, folder, csv
    label: str
    path: str
    first_observed: dt.date
    last_observed: dt.date

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "path": self.path,
            "first_observed": self.first_observed.isoformat(),
            "last_observed": self.last_observed.isoformat(),
        }


#: The one source of an agreement whose every change is made through pactlog itself.
MANAGED: dict[str, Any] = {
    "name": "managed", "kind": "managed", "label": "pactlog", "path": "",
    "first_observed": None, "last_observed": None,
}  # fmt: skip


@dataclass(frozen=True)
class Provenance:
    sources: tuple[SourceSeen, ...]

    @property
    def managed(self) -> bool:
        """No imported source: the record is kept here and is current."""
        return not self.sources

    @property
    def observed_until(self) -> dt.date | None:
        """The last day an imported source was read (None when managed here)."""
        return max((s.last_observed for s in self.sources), default=None)

    def stale(self, as_of: dt.date) -> list[SourceSeen]:
        """The sources last read before `as_of`: what a count as of that day may lack."""
        return [s for s in self.sources if s.last_observed < as_of]

    def as_json(self) -> dict[str, Any]:
        until = self.observed_until
        return {
            "observed_until": until.isoformat() if until else None,
            "sources": [s.as_json() for s in self.sources] or [MANAGED],
        }

    def notices(self, as_of: dt.date) -> list[str]:
        """One plain sentence per source last read before `as_of`, in the active language."""
        return [
            _(
                "The list was last read from %(source)s on %(date)s; later changes are not in "
                "this record."
            )
            % {"source": s.label, "date": date_format(s.last_observed, "j F Y")}
            for s in self.stale(as_of)
        ]


def provenance(agreement: Agreement) -> Provenance:
    rows = ObservedSource.objects.filter(agreement=agreement).order_by("first_observed", "source")
    return Provenance(
        tuple(
            SourceSeen(r.source, r.kind, r.label, r.path, r.first_observed, r.last_observed)
            for r in rows
        )
    )


def with_provenance(answer: dict[str, Any], agreement: Agreement) -> dict[str, Any]:
    """A count or list answer with `observed_until` and `sources` added (API, counters.json)."""
    return {**answer, **provenance(agreement).as_json()}
