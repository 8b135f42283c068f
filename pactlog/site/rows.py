"""Plain, cacheable rows for templates: a supporter as shown on a page (a history line is
`site.history`'s)."""

from __future__ import annotations

from typing import Any

from pactlog.registry.dates import Interval
from pactlog.registry.models import Endorsement
from pactlog.registry.queries import supporter_json
from pactlog.registry.shapes import Supporter
from pactlog.site import labels


def supporter_row(e: Endorsement, lang: str) -> dict[str, Any]:
    """A supporter as a page shows it: the one JSON shape, with the dates as intervals."""
    return json_row(supporter_json(e, lang), lang)


def json_row(item: Supporter, lang: str) -> dict[str, Any]:
    """A row from the query service's `supporter_json` answer."""
    return {
        "id": item["id"],
        "name": item["names"].get(lang) or item["name"],
        "category": item["category"],
        "nature": item["nature"],
        "country": item["country"] or "",
        "country_name": labels.country(item["country"] or "", lang),
        "start": Interval.from_json(item["start"]),
        "end": Interval.from_json(item["end"]),
        "status": item["status"],
    }
