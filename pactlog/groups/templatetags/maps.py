"""`{% world_map agreement as_of group=None %}`: the choropleth of states, for any page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.templatetags.static import static

from pactlog.groups.catalogue import Group, get_group
from pactlog.groups.mapdata import ENDORSED, UNCERTAIN, map_json, map_rows
from pactlog.registry.models import Agreement
from pactlog.registry.queries import NotFound
from pactlog.web.reads import reader_language

register = template.Library()

ATLAS = "vendor/world-atlas/countries-110m.json"


def _group(value: Group | str | None) -> Group | None:
    """A Group, a slug or nothing; an unknown slug draws the map without a group, never a 500."""
    if isinstance(value, Group) or not value:
        return value or None
    try:
        return get_group(str(value))
    except NotFound:
        return None


@register.inclusion_tag("groups/_world_map.html", takes_context=True)
def world_map(
    context: template.Context,
    agreement: Agreement,
    as_of: dt.date,
    group: Group | str | None = None,
) -> dict[str, Any]:
    lang = reader_language()
    chosen = _group(group)
    number = int(context.render_context.get("world_maps") or 0) + 1
    context.render_context["world_maps"] = number
    rows = map_rows(agreement, as_of, chosen, lang)
    return {
        "map_id": f"world-map-{number}",
        "data_id": f"world-map-{number}-data",
        "agreement": agreement,
        "as_of": as_of,
        "group": chosen,
        "group_name": chosen.name(lang) if chosen else "",
        "rows": rows,
        "endorsed": sum(r.status == ENDORSED for r in rows),
        "uncertain": sum(r.status == UNCERTAIN for r in rows),
        "data": map_json(rows, static(ATLAS), chosen, lang),
    }
