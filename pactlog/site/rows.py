"""Plain, cacheable rows for templates: a supporter as shown on a page, an event described."""

from __future__ import annotations

import json
from typing import Any

from pactlog.registry.dates import Interval
from pactlog.registry.models import Endorsement, Event
from pactlog.registry.queries import supporter_json
from pactlog.registry.shapes import Supporter
from pactlog.site import labels


def supporter_row(e: Endorsement, lang: str) -> dict[str, Any]:
    """A supporter as a page shows it: the one JSON shape, with the dates as intervals."""
    return json_row(supporter_json(e, lang), lang)


def event_row(event: Event) -> dict[str, Any]:
    """What a history line needs from an event: its kind, date and the dates it carries."""
    payload = json.loads(event.payload)
    dated = event.type.startswith("endorsement.")
    return {
        "seq": event.seq,
        "type": event.type,
        "recorded_at": event.recorded_at,
        "agreement": payload.get("agreement", ""),
        "status": payload.get("status", ""),
        "start": Interval.from_json(payload.get("start")) if dated else None,
        "end": Interval.from_json(payload.get("end")) if dated else None,
        "name": payload.get("name", ""),
    }


def json_row(item: Supporter, lang: str) -> dict[str, Any]:
    """A row from the query service's `supporter_json` answer."""
    return {
        "id": item["id"],
        "name": item["name"],
        "category": item["category"],
        "nature": item["nature"],
        "country": item["country"] or "",
        "country_name": labels.country(item["country"] or "", lang),
        "start": Interval.from_json(item["start"]),
        "end": Interval.from_json(item["end"]),
        "status": item["status"],
    }
