"""A supporter's history in words: each event says what changed (field, before, after).

Events carry the whole public record of an actor at each save, so "what changed" is the
difference from the previous save of the same actor. A save that changed no field shown on
the page (only the source's reference) says so, instead of repeating the same line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from pactlog.registry.dates import Interval
from pactlog.registry.models import Agreement, Event
from pactlog.site import labels

#: The actor's public fields a history line names, in the order they are listed; `names.en`
#: is the English form of the name (`names` in the record, absent when empty).
FIELDS = (
    "name", "names.en", "names.fr", "category", "nature", "country", "website", "wikidata",
    "lei", "merged_into",
)  # fmt: skip


def field_label(field: str) -> str:
    return {
        "name": _("Name"), "names.en": _("Name in English"), "names.fr": _("Name in French"),
        "category": _("Category"), "nature": _("Nature"),
        "country": _("Country"), "website": _("Website"), "wikidata": "Wikidata",
        "lei": "LEI", "merged_into": _("Merged into"),
    }[field]  # fmt: skip


def field_value(record: dict[str, Any] | None, field: str) -> Any:
    """A field of an actor's record; `names.<code>` one of its other-language names."""
    if record is None:
        return None
    if field.startswith("names."):
        names = record.get("names")
        return names.get(field[6:]) if isinstance(names, dict) else None
    return record.get(field)


def shown_value(field: str, value: Any, lang: str) -> str:
    """A field's value as the page shows it (country names, vocabulary labels)."""
    if value in (None, ""):
        return "—"
    if field == "category":
        return labels.category(str(value))
    if field == "nature":
        return labels.nature(str(value))
    if field == "country":
        return labels.country(str(value), lang) or str(value)
    return str(value)


def changes(
    before: dict[str, Any] | None, after: dict[str, Any], lang: str
) -> list[dict[str, str]]:
    """The fields that differ, each with its label and both values (all of them when new)."""
    rows = []
    for field in FIELDS:
        old = field_value(before, field)
        new = field_value(after, field)
        if (old or None) == (new or None):
            continue
        rows.append(
            {
                "field": field_label(field),
                "before": shown_value(field, old, lang) if before else "",
                "after": shown_value(field, new, lang),
            }
        )
    return rows


def _titles(slugs: set[str], lang: str) -> dict[str, str]:
    return {a.slug: a.title(lang) for a in Agreement.objects.filter(slug__in=slugs)}


def history_rows(events: Iterable[Event], lang: str) -> list[dict[str, Any]]:
    """One row per event, oldest first, ready for the supporter page's History table."""
    parsed = [(event, json.loads(event.payload)) for event in events]
    titles = _titles({p.get("agreement", "") for _e, p in parsed if p.get("agreement")}, lang)
    previous: dict[str, Any] | None = None
    rows = []
    for event, payload in parsed:
        row: dict[str, Any] = {
            "seq": event.seq,
            "type": event.type,
            "recorded_at": event.recorded_at,
            "agreement": titles.get(payload.get("agreement", ""), payload.get("agreement", "")),
            "status": payload.get("status", ""),
            "start": None,
            "end": None,
            "changes": [],
            "first": False,
        }
        if event.type.startswith("endorsement."):
            row["start"] = Interval.from_json(payload.get("start"))
            row["end"] = Interval.from_json(payload.get("end"))
        elif event.type == "actor.saved":
            row["first"] = previous is None
            row["changes"] = changes(previous, payload, lang)
            previous = payload
        rows.append(row)
    return rows
