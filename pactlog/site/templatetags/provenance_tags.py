"""`{% provenance_notice agreement as_of %}`: the one notice every page showing a count or a
list includes, and `{% observed_until_json agreement %}` for the growth chart's marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pactlog.registry.models import Agreement
from pactlog.registry.provenance import provenance

register = template.Library()


def _day(value: dt.date | str | None) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value


@register.inclusion_tag("site/_provenance_notice.html")
def provenance_notice(agreement: Agreement, as_of: dt.date | str | None) -> dict[str, Any]:
    day = _day(as_of)
    found = provenance(agreement)
    return {
        "notices": found.notices(day) if day else [],
        "observed_until": found.observed_until,
    }


@register.simple_tag
def observed_until_json(agreement: Agreement) -> SafeString:
    """The last observation and the marker's words, for the chart script (null if managed)."""
    until = provenance(agreement).observed_until
    data = {
        "date": until.isoformat() if until else None,
        "label": _("Last read from the source"),
    }
    return json_script(data, "growth-observed")
