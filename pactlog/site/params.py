"""The supporter list's query string, read with the shared parsers of `pactlog.web.params`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from pactlog.groups.selection import supporter_filter
from pactlog.registry.queries import NATURES, ORDERS, SupporterFilter
from pactlog.registry.vocabulary import Category
from pactlog.web.params import as_of_date, choice, country_code, free_text, page_number

__all__ = ["PAGE_SIZE", "ListQuery", "as_of_date"]

PAGE_SIZE = 50


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
    def from_params(cls, params: QueryDict, earliest: dt.date | None = None) -> ListQuery:
        return cls(
            as_of=as_of_date(params, earliest=earliest),
            category=choice(params.get("category"), "category", list(Category.values)),
            country=country_code(params.get("country")),
            nature=choice(params.get("nature"), "nature", NATURES),
            group=free_text(params.get("group"), "group", 100),
            q=free_text(params.get("q")),
            order=choice(params.get("order"), "order", list(ORDERS)) or "name",
            page=page_number(params.get("page")),
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
