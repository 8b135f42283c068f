"""Query-string parameters of the public pages, checked with messages that say what to fix."""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from pactlog.registry.dates import parse_date
from pactlog.registry.queries import ORDERS, QueryError, SupporterFilter
from pactlog.registry.vocabulary import Nature

PAGE_SIZE = 50
NATURES = [value for value in Nature.values if value]


def groups_available() -> bool:
    """The group filter appears once the groups catalogue (another app) is installed."""
    try:
        return importlib.util.find_spec("pactlog.groups.catalogue") is not None
    except ModuleNotFoundError:
        return False


def as_of_date(params: QueryDict, name: str = "as_of", default: dt.date | None = None) -> dt.date:
    text = params.get(name, "").strip()
    if not text:
        return default or dt.date.today()
    return parse_date(text, name)


def group_members(slug: str, as_of: dt.date) -> set[str]:
    if not groups_available():
        raise QueryError("filtering by group is not available on this site")
    from pactlog.groups.catalogue import get_group  # type: ignore[import-not-found,unused-ignore]

    members: set[str] = get_group(slug).members(as_of)
    return members


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
        if nature and nature not in NATURES:
            raise QueryError(f"nature must be one of {', '.join(NATURES)}, not {nature!r}")
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
        """The query service's filter (raises QueryError for a bad category or country)."""
        countries = group_members(self.group, self.as_of) if self.group else None
        return SupporterFilter(
            category=self.category or None,
            country=self.country or None,
            q=self.q or None,
            countries=countries,
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
