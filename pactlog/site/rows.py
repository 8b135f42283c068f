"""Plain, cacheable rows for templates: a supporter as shown on a page, an event described."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pactlog.registry.dates import Interval
from pactlog.registry.models import Endorsement, Event
from pactlog.site import labels


def supporter_row(e: Endorsement, lang: str) -> dict[str, Any]:
    actor = e.actor
    return {
        "id": actor.public_id,
        "name": actor.display_name(lang),
        "kind": actor.kind,
        "category": actor.category,
        "nature": actor.nature,
        "country": actor.country,
        "country_name": labels.country(actor.country, lang),
        "start": e.start,
        "end": e.end,
        "status": e.status,
    }


def _interval(value: dict[str, str | None] | None) -> Interval | None:
    if not value or not value.get("not_after"):
        return None
    before = value.get("not_before")
    return Interval(
        dt.date.fromisoformat(before) if before else None,
        dt.date.fromisoformat(str(value["not_after"])),
    )


def event_row(event: Event) -> dict[str, Any]:
    """What a history line needs from an event: its kind, date and the dates it carries."""
    payload = json.loads(event.payload)
    return {
        "seq": event.seq,
        "type": event.type,
        "recorded_at": event.recorded_at,
        "agreement": payload.get("agreement", ""),
        "status": payload.get("status", ""),
        "start": _interval(payload.get("start")) if event.type.startswith("endorsement.") else None,
        "end": _interval(payload.get("end")) if event.type.startswith("endorsement.") else None,
        "name": payload.get("name", ""),
    }


def json_row(item: dict[str, Any], lang: str) -> dict[str, Any]:
    """A row from the query service's `supporter_json` answer."""
    return {
        "id": item["id"],
        "name": item["name"],
        "category": item["category"],
        "nature": item["nature"],
        "country": item["country"] or "",
        "country_name": labels.country(item["country"] or "", lang),
        "start": _interval(item["start"]),
        "end": _interval(item["end"]),
        "status": item["status"],
    }
