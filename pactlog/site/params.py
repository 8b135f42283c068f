"""Query-string parameters of the public pages, checked with messages that say what to fix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from pactlog.groups.selection import supporter_filter
from pactlog.registry.dates import parse_date, today
from pactlog.registry.queries import ORDERS, QueryError, SupporterFilter

PAGE_SIZE = 50


def as_of_date(params: QueryDict, name: str = "as_of", default: dt.date | None = None) -> dt.date:
    text = params.get(name, "").strip()
    if not text:
        return default or today()
    return parse_date(text, name)


@dataclass(frozen=True)
class ListQuery:
    """One view of the supporter list: what the query string asked for."""

    as_of: dt.date
    category: str
    country: str
    nature: str
    group: str
    q: str
    order: str
    page: int

    @classmethod
    def from_params(cls, params: QueryDict) -> ListQuery:
        order = params.get("order", "").strip() or "name"
        if order not in ORDERS:
            raise QueryError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
        nature = params.get("nature", "").strip()
        page_text = params.get("page", "").strip() or "1"
        if not page_text.isdigit() or int(page_text) < 1:
            raise QueryError(f"page must be a whole number from 1, not {page_text!r}")
        return cls(
            as_of=as_of_date(params),
            category=params.get("category", "").strip(),
            country=params.get("country", "").strip().upper(),
            nature=nature,
            group=params.get("group", "").strip(),
            q=params.get("q", "").strip(),
            order=order,
            page=int(page_text),
        )

    def selection(self) -> SupporterFilter:
        """The query service's filter (raises QueryError for a bad value)."""
        return supporter_filter(
            self.as_of, self.category, self.country, self.q, self.group, self.nature
        )

    def cache_key(self) -> str:
        return "|".join(str(v) for v in self.__dict__.values())

    def export_params(self) -> dict[str, Any]:
        """The parameters the exports understand, for "download this selection" links."""
        values = {
            "as_of": self.as_of.isoformat(),
            "category": self.category,
            "country": self.country,
            "group": self.group,
            "q": self.q,
            "nature": self.nature,
            "order": self.order,
        }
        return {key: value for key, value in values.items() if value}
