"""`/api/v1/agreements/...`: the command line's questions over HTTP."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Path, Query

from pactlog.api import schemas
from pactlog.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page
from pactlog.api.params import CountryCode, GroupSlug, IsoDate, SearchText
from pactlog.groups import coverage as group_coverage
from pactlog.groups.catalogue import get_group
from pactlog.groups.selection import SelectionQuery
from pactlog.registry import queries, timeline
from pactlog.registry.dates import today
from pactlog.registry.models import Agreement
from pactlog.registry.provenance import with_provenance
from pactlog.registry.public import agreement_state
from pactlog.registry.vocabulary import Category, Nature
from pactlog.web import params as web_params
from pactlog.web.ninja import documented, with_etag

router = Router(tags=["agreements"])

EXAMPLE_DATE = "2020-12-31"
SLUG = Path(..., description="The agreement's slug.", example="paris-call")
AS_OF = Query(None, description="YYYY-MM-DD; default today.", example=EXAMPLE_DATE)
COUNTRY = Query(None, description="ISO 3166-1 alpha-3 code, e.g. FRA.")
GROUP = Query(None, description="Only members of this group, e.g. g7.")
FROM = Query(..., alias="from", description="YYYY-MM-DD", example="2019-12-31")
TO = Query(..., alias="to", description="YYYY-MM-DD", example=EXAMPLE_DATE)
REQUIRED_GROUP = Query(..., description="A group's slug, e.g. g7.", example="g7")
Order = Literal["name", "-name", "date", "-date"]
#: The API answers in one language whatever the client's: states named in English, and names
#: sorted as an English reader sees them (an organisation's English form when it gives one).
API_LANGUAGE = "en"


def _agreement(slug: str) -> Agreement:
    """The agreement a path names; a slug that cannot exist is a 404 before any query."""
    return queries.get_agreement(web_params.slug(slug))


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
def agreement_detail(request: HttpRequest, slug: str = SLUG) -> Any:
    return agreement_state(_agreement(slug))


@router.get("/{slug}/counts", response=documented(schemas.Counts), summary="How many, by category")
@with_etag
def counts(request: HttpRequest, slug: str = SLUG, as_of: IsoDate | None = AS_OF) -> Any:
    """Supporters in force as of a date, by category, and how many are uncertain."""
    # Same answer as queries.counts (tests compare them), from a per-version cached step function.
    agreement = _agreement(slug)
    return with_provenance(timeline.counts(agreement, as_of or today()), agreement)


@router.get(
    "/{slug}/supporters", response=documented(schemas.SupporterPage), summary="Who, page by page"
)
@with_etag
def supporters(
    request: HttpRequest,
    slug: str = SLUG,
    as_of: IsoDate | None = AS_OF,
    category: Category | None = None,
    country: CountryCode | None = COUNTRY,
    nature: Nature | None = None,
    group: GroupSlug | None = GROUP,
    q: SearchText | None = Query(  # noqa: B008
        None,
        max_length=queries.MAX_QUERY_LENGTH,
        description="Name contains this (case- and accent-insensitive).",
    ),
    order: Order = "name",
    page: int = Query(1, ge=1),
    page_size: int = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
) -> Any:
    """The supporters in force as of a date: the command line's list, one page at a time."""
    agreement = _agreement(slug)
    query = SelectionQuery(
        as_of or today(), category or "", country or "", nature or "", group or "", q or "", order
    )
    try:
        answer = queries.supporter_page(
            agreement, query.as_of, query.filter(), query.order, page, page_size, API_LANGUAGE
        )
    except queries.PastTheLastPage as past:
        raise queries.NotFound(f"page {past.number} is past the last page ({past.last})") from None
    window = Page(page, page_size, answer["count"])
    paged = {
        **answer,
        "next": window.link(request, page + 1),
        "previous": window.link(request, page - 1),
    }
    return with_provenance(paged, agreement)


@router.get(
    "/{slug}/changes",
    response=documented(schemas.Changes),
    by_alias=True,
    summary="Who joined and who left",
)
@with_etag
def changes(
    request: HttpRequest,
    slug: str = SLUG,
    start: IsoDate = FROM,
    end: IsoDate = TO,
) -> Any:
    """Joined: in force at `to` and neither in force nor uncertain at `from`; left: the
    reverse; uncertain: uncertain at either date (it may have joined or left in between)."""
    return queries.changes(_agreement(slug), start, end, API_LANGUAGE)


@router.get(
    "/{slug}/coverage", response=documented(schemas.Coverage), summary="Which members endorse"
)
@with_etag
def coverage(
    request: HttpRequest,
    slug: str = SLUG,
    group: GroupSlug = REQUIRED_GROUP,
    as_of: IsoDate | None = AS_OF,
) -> Any:
    """A group's member states as of a date: which endorse, which are absent, which uncertain."""
    day = as_of or today()
    return group_coverage.coverage(_agreement(slug), get_group(group), day)
