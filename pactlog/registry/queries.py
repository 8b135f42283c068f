"""Answers about the registry: the single query service behind the command line, pages and API.

Every answer is the in-force set as of a date plus how many are uncertain (docs/data-model.md).
The dictionaries returned here are the `--json` output and the API's schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from pactlog.registry.countries import is_country
from pactlog.registry.dates import Interval, in_force_q, uncertain_q
from pactlog.registry.models import (
    Actor,
    Agreement,
    Endorsement,
    Event,
    sort_column,
    written_name,
)
from pactlog.registry.shapes import Supporter
from pactlog.registry.text import fold_search
from pactlog.registry.vocabulary import ActorKind, Category, Nature

MAX_QUERY_LENGTH = 200
NATURES = [value for value in Nature.values if value]


class QueryError(ValueError):
    """A question that cannot be answered as asked; the message says what to fix."""


class NotFound(QueryError):
    """The question names something the registry does not have."""


def get_agreement(slug: str) -> Agreement:
    agreement = Agreement.objects.filter(slug=slug).first()
    if agreement is None:
        raise NotFound(_("no agreement %(slug)s") % {"slug": repr(slug)})
    return agreement


@dataclass(frozen=True)
class SupporterFilter:
    """A selection of supporters; every field is optional and they combine with AND."""

    category: str | None = None
    country: str | None = None
    q: str | None = None
    #: ISO codes of a group's members (resolved by the caller from a group slug).
    countries: Collection[str] | None = None
    nature: str | None = None

    def __post_init__(self) -> None:
        if self.category and self.category not in Category.values:
            raise QueryError(
                _("category must be one of %(choices)s, not %(value)s")
                % {"choices": ", ".join(Category.values), "value": repr(self.category)}
            )
        if self.country and not is_country(self.country):
            raise QueryError(
                _("country must be an ISO 3166-1 alpha-3 code, not %(value)s")
                % {"value": repr(self.country)}
            )
        if self.nature and self.nature not in NATURES:
            raise QueryError(
                _("nature must be one of %(choices)s, not %(value)s")
                % {"choices": ", ".join(NATURES), "value": repr(self.nature)}
            )
        if self.q and len(self.q) > MAX_QUERY_LENGTH:
            raise QueryError(_("q is at most %(limit)s characters") % {"limit": MAX_QUERY_LENGTH})

    def apply(self, rows: QuerySet[Endorsement]) -> QuerySet[Endorsement]:
        if self.category:
            rows = rows.filter(actor__category=self.category)
        if self.country:
            rows = rows.filter(actor__country=self.country)
        if self.nature:
            rows = rows.filter(actor__nature=self.nature)
        if self.countries is not None:
            rows = rows.filter(actor__country__in=list(self.countries))
        if self.q and (folded := fold_search(self.q)):
            rows = rows.filter(actor__search_text__contains=folded)
        return rows


#: What each `order` sorts by, given the reader's sort key (`Actor.sort_<lang>`: the name that
#: reader sees, folded); each ends on the public id, so that the order is total and pages never
#: overlap.
ORDERS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "name": lambda key: (key, "actor__public_id"),
    "-name": lambda key: (f"-{key}", "-actor__public_id"),
    "date": lambda key: ("start_not_after", key, "actor__public_id"),
    "-date": lambda key: ("-start_not_after", key, "actor__public_id"),
}


def endorsements_of(agreement: Agreement) -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(agreement=agreement)


def in_force(
    agreement: Agreement, as_of: dt.date, selection: SupporterFilter | None = None
) -> QuerySet[Endorsement]:
    rows = endorsements_of(agreement).filter(in_force_q(as_of))
    return (selection or SupporterFilter()).apply(rows)


def uncertain(
    agreement: Agreement, as_of: dt.date, selection: SupporterFilter | None = None
) -> QuerySet[Endorsement]:
    rows = endorsements_of(agreement).filter(uncertain_q(as_of))
    return (selection or SupporterFilter()).apply(rows)


def ordered(
    rows: QuerySet[Endorsement], order: str = "name", lang: str = "en"
) -> QuerySet[Endorsement]:
    """`rows` in `order`, names sorted as a reader of `lang` sees them (a state by its name in
    that language, an organisation by its form in it), the same on SQLite and PostgreSQL."""
    if order not in ORDERS:
        raise QueryError(
            _("order must be one of %(choices)s, not %(value)s")
            % {"choices": ", ".join(ORDERS), "value": repr(order)}
        )
    key = f"actor__{sort_column(lang)}"
    return rows.select_related("actor").order_by(*ORDERS[order](key))


def supporter_json(e: Endorsement, lang: str = "en") -> Supporter:
    end = e.end
    actor = e.actor
    return {
        "id": actor.public_id,
        "name": actor.written_name(lang),
        "names": dict(actor.names),
        "category": actor.category,
        "nature": actor.nature,
        "country": actor.country or None,
        "start": e.start.as_json(),
        "end": end.as_json() if end else None,
        "status": e.status,
    }


SUPPORTER_COLUMNS = (
    "actor__public_id", "actor__kind", "actor__name", "actor__names", "actor__category",
    "actor__nature",
    "actor__country", "status", "start_not_before", "start_not_after", "end_not_before",
    "end_not_after",
)  # fmt: skip


def supporter_rows(rows: QuerySet[Endorsement], lang: str = "en") -> list[Supporter]:
    """`supporter_json` of each row, read as columns: no model instances are built, which
    was half the time of a page of 500 supporters (the API's and the verifier's)."""
    return [
        {
            "id": public_id,
            "name": written_name(kind, country, name, lang),
            "names": dict(names),
            "category": category,
            "nature": nature,
            "country": country or None,
            "start": Interval(start_not_before, start_not_after).as_json(),
            "end": (
                None if end_not_after is None else Interval(end_not_before, end_not_after).as_json()
            ),
            "status": status,
        }
        for (
            public_id, kind, name, names, category, nature, country, status, start_not_before,
            start_not_after, end_not_before, end_not_after,
        ) in rows.values_list(*SUPPORTER_COLUMNS)
    ]  # fmt: skip


def counts(agreement: Agreement, as_of: dt.date) -> dict[str, Any]:
    by_category = {category: 0 for category in agreement.categories}
    for row in (
        in_force(agreement, as_of).values("actor__category").annotate(n=Count("id")).order_by()
    ):
        by_category[row["actor__category"]] = row["n"]
    return {
        "agreement": agreement.slug,
        "as_of": as_of.isoformat(),
        "total": sum(by_category.values()),
        "uncertain": uncertain(agreement, as_of).count(),
        "by_category": by_category,
    }


def supporters(
    agreement: Agreement,
    as_of: dt.date,
    selection: SupporterFilter | None = None,
    order: str = "name",
    lang: str = "en",
) -> dict[str, Any]:
    rows = ordered(in_force(agreement, as_of, selection), order, lang)
    listed = supporter_rows(rows, lang)
    return {
        "agreement": agreement.slug,
        "as_of": as_of.isoformat(),
        "count": len(listed),
        "uncertain": uncertain(agreement, as_of, selection).count(),
        "supporters": listed,
    }


class PastTheLastPage(QueryError):
    """A page number beyond the selection's last page."""

    def __init__(self, number: int, last: int) -> None:
        super().__init__(_("page must be at most %(last)s for this selection") % {"last": last})
        self.number = number
        self.last = last


def supporter_page(
    agreement: Agreement,
    as_of: dt.date,
    selection: SupporterFilter | None = None,
    order: str = "name",
    page: int = 1,
    page_size: int = 50,
    lang: str = "en",
) -> dict[str, Any]:
    """One page of the supporters in force: the count of the whole selection, how many are
    uncertain, and this page's supporters (the site's list and the API's answer)."""
    rows = ordered(in_force(agreement, as_of, selection), order, lang)
    count = rows.count()
    pages = max(1, -(-count // page_size))
    if page > pages:
        raise PastTheLastPage(page, pages)
    start = (page - 1) * page_size
    return {
        "agreement": agreement.slug,
        "as_of": as_of.isoformat(),
        "count": count,
        "uncertain": uncertain(agreement, as_of, selection).count(),
        "page": page,
        "pages": pages,
        "page_size": page_size,
        "supporters": supporter_rows(rows[start : start + page_size], lang),
    }


def changes(agreement: Agreement, start: dt.date, end: dt.date, lang: str = "en") -> dict[str, Any]:
    """Who joined and who left between two dates, and whose change the dates cannot place.

    Joined: in force at `end`, and at `start` neither in force nor uncertain; left: the reverse.
    Uncertain: uncertain at either date, so it may have joined or left in between.
    """
    if start > end:
        raise QueryError(
            _("from (%(start)s) must not be after to (%(end)s)") % {"start": start, "end": end}
        )
    rows = endorsements_of(agreement)
    settled_at_start = in_force_q(start) | uncertain_q(start)
    settled_at_end = in_force_q(end) | uncertain_q(end)
    joined = rows.filter(in_force_q(end)).exclude(settled_at_start)
    left = rows.filter(in_force_q(start)).exclude(settled_at_end)
    unsure = rows.filter(uncertain_q(start) | uncertain_q(end))
    return {
        "agreement": agreement.slug,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "joined": [supporter_json(e, lang) for e in ordered(joined, lang=lang)],
        "left": [supporter_json(e, lang) for e in ordered(left, lang=lang)],
        "uncertain": [supporter_json(e, lang) for e in ordered(unsure, lang=lang)],
    }


def states_in_force(agreement: Agreement, as_of: dt.date) -> set[str]:
    """ISO codes of the states whose endorsement is in force: the basis of group coverage."""
    return set(
        in_force(agreement, as_of)
        .filter(actor__kind=ActorKind.STATE)
        .order_by()
        .values_list("actor__country", flat=True)
    )


def all_agreements() -> QuerySet[Agreement]:
    return Agreement.objects.order_by("slug")


def get_actor(public_id: str) -> Actor:
    """An actor by its public id (merged actors too: their record says where they went)."""
    actor = Actor.objects.filter(public_id=public_id).select_related("merged_into").first()
    if actor is None:
        raise NotFound(_("no supporter %(id)s") % {"id": repr(public_id)})
    return actor


def endorsements_by(actor: Actor) -> QuerySet[Endorsement]:
    """Every endorsement of the actor, any agreement, oldest first."""
    return (
        Endorsement.objects.filter(actor=actor)
        .select_related("agreement")
        .order_by("agreement__slug", "number")
    )


def actor_events(actor: Actor) -> QuerySet[Event]:
    """The public events about the actor (its own record and its endorsements), in order."""
    return Event.objects.filter(actor=actor.public_id).order_by("seq")


__all__ = [
    "NotFound", "QueryError", "SupporterFilter", "actor_events", "all_agreements", "changes",
    "counts", "endorsements_by", "get_actor", "get_agreement",
    "in_force", "ordered", "states_in_force", "supporter_json", "supporter_page", "supporter_rows",
    "supporters", "uncertain",
]  # fmt: skip
