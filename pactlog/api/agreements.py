"""`/api/v1/agreements/...`: the command line's questions (SPEC section 5) over HTTP."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router

from pactlog.api import schemas
from pactlog.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page
from pactlog.api.responses import documented, with_etag
from pactlog.api.selection import date_param, supporter_filter
from pactlog.registry import queries
from pactlog.registry.models import Agreement
from pactlog.registry.public import agreement_state
from pactlog.registry.vocabulary import Category

router = Router(tags=["agreements"])

EXAMPLE_DATE = "2020-12-31"
AS_OF = Query(None, description="YYYY-MM-DD; default today.", example=EXAMPLE_DATE)
Order = Literal["name", "-name", "date", "-date"]


def summary(agreement: Agreement) -> dict[str, Any]:
    state = agreement_state(agreement)
    state.pop("principles")
    state.pop("text")
    return state


@router.get("", response=documented(list[schemas.AgreementSummary]), summary="All agreements")
@with_etag
def list_agreements(request: HttpRequest) -> Any:
    return [summary(a) for a in Agreement.objects.order_by("slug")]


@router.get("/{slug}", response=documented(schemas.AgreementDetail), summary="One agreement")
@with_etag
def agreement_detail(request: HttpRequest, slug: str) -> Any:
    return agreement_state(queries.get_agreement(slug))


@router.get("/{slug}/counts", response=documented(schemas.Counts), summary="How many, by category")
@with_etag
def counts(request: HttpRequest, slug: str, as_of: str | None = AS_OF) -> Any:
    """Supporters in force as of a date, by category, and how many are uncertain."""
    day = date_param(as_of, "as_of")
    return queries.counts(queries.get_agreement(slug), day)


@router.get(
    "/{slug}/supporters", response=documented(schemas.SupporterPage), summary="Who, page by page"
)
@with_etag
def supporters(
    request: HttpRequest,
    slug: str,
    as_of: str | None = AS_OF,
    category: Category | None = None,
    country: str | None = Query(None, description="ISO 3166-1 alpha-3 code, e.g. FRA."),
    group: str | None = Query(None, description="A group's slug, e.g. g7."),
    q: str | None = Query(
        None,
        max_length=queries.MAX_QUERY_LENGTH,
        description="Name contains this (case- and accent-insensitive).",
    ),
    order: Order = "name",
    page: int = Query(1, ge=1),
    page_size: int = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
) -> Any:
    """The supporters in force as of a date: the command line's list, one page at a time."""
    day = date_param(as_of, "as_of")
    agreement = queries.get_agreement(slug)
    selection = supporter_filter(day, category, country, q, group)
    rows = queries.ordered(queries.in_force(agreement, day, selection), order)
    window = Page(page, page_size, rows.count())
    return {
        "agreement": agreement.slug,
        "as_of": day.isoformat(),
        "count": window.count,
        "uncertain": queries.uncertain(agreement, day, selection).count(),
        "page": window.number,
        "page_size": window.size,
        "next": window.link(request, page + 1),
        "previous": window.link(request, page - 1),
        "supporters": [queries.supporter_json(e) for e in rows[window.start : window.stop]],
    }


@router.get(
    "/{slug}/changes",
    response=documented(schemas.Changes),
    by_alias=True,
    summary="Who joined and who left",
)
@with_etag
def changes(
    request: HttpRequest,
    slug: str,
    start: str = Query(..., alias="from", description="YYYY-MM-DD", example=EXAMPLE_DATE),
    end: str = Query(..., alias="to", description="YYYY-MM-DD", example=EXAMPLE_DATE),
) -> Any:
    """Joined: in force at `to`, not at `from`; left: the reverse; uncertain: either date."""
    first = date_param(start, "from")
    last = date_param(end, "to")
    return queries.changes(queries.get_agreement(slug), first, last)


@router.get(
    "/{slug}/coverage", response=documented(schemas.Coverage), summary="Which members endorse"
)
@with_etag
def coverage(
    request: HttpRequest,
    slug: str,
    group: str = Query(..., description="A group's slug, e.g. g7."),
    as_of: str | None = AS_OF,
) -> Any:
    """A group's member states as of a date: which endorse, which are absent, which uncertain."""
    from pactlog.groups import coverage as group_coverage
    from pactlog.groups.catalogue import get_group

    day = date_param(as_of, "as_of")
    agreement = queries.get_agreement(slug)
    try:
        chosen = get_group(group)
    except queries.NotFound as exc:
        raise queries.QueryError(f"group: {exc}") from None
    return group_coverage.coverage(agreement, chosen, day)
