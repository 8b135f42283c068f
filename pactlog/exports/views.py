"""Downloads of any supporter selection (CSV, JSON) and the agreement's Data Package.

The selection parameters are the supporter list's (`as_of`, `category`, `country`, `nature`,
`group`, `q`, `order`), so a page links to "this selection" by appending its own query string.
Bodies are streamed, so a large selection never sits in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)

from pactlog.exports.columns import HEADER, row_of
from pactlog.exports.csvsafe import csv_lines
from pactlog.exports.datapackage import ENDORSEMENTS_CSV, descriptor
from pactlog.groups.selection import SELECTION_PARAMS, SelectionQuery
from pactlog.registry import queries
from pactlog.registry.models import Agreement, Endorsement
from pactlog.registry.provenance import provenance
from pactlog.registry.shapes import Supporter
from pactlog.web.params import slug as web_slug
from pactlog.web.reads import public_read

CHUNK = 2000
View = Callable[..., HttpResponse]


def public_download(*params: str) -> Callable[[View], View]:
    """A download: the same in every language, readable from any origin, counted against the
    client's budget; a mistake in the query string is a 400 (unknown agreement: 404) with
    `{"detail"}`. Streamed bodies are not kept whole by Django (nginx may keep them)."""
    return public_read(
        *params, errors="json", etag="plain", cache_page=False, cross_origin=True, rate_limited=True
    )


#: Downloads are the same in every language: rows name states in English and sort as the
#: English list does (by the name an English reader sees).
EXPORT_LANGUAGE = "en"


class Selection:
    """The supporters a query string selects, in force as of its date."""

    def __init__(self, request: HttpRequest, slug: str) -> None:
        self.agreement = queries.get_agreement(web_slug(slug))
        self.query = SelectionQuery.parse(request.GET, earliest=self.agreement.launched_on)
        self.as_of = self.query.as_of
        self.filter = self.query.filter()
        self.rows: QuerySet[Endorsement] = queries.ordered(
            queries.in_force(self.agreement, self.as_of, self.filter),
            self.query.order,
            EXPORT_LANGUAGE,
        )

    def supporters(self) -> Iterator[Supporter]:
        for endorsement in self.rows.iterator(chunk_size=CHUNK):
            yield queries.supporter_json(endorsement, EXPORT_LANGUAGE)

    def filename(self, extension: str) -> str:
        return f"{self.agreement.slug}-supporters-{self.as_of.isoformat()}.{extension}"


def attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'


def observed_until_header(response: HttpResponseBase, agreement: Agreement) -> None:
    """A CSV has no room for it: the last reading of an imported source goes in a header."""
    until = provenance(agreement).observed_until
    if until is not None:
        response["Observed-Until"] = until.isoformat()


def bom_param(request: HttpRequest) -> bool:
    value = request.GET.get("bom", "0")
    if value not in ("0", "1"):
        raise queries.QueryError(f"bom must be 1 or 0, not {value!r}")
    return value == "1"


@public_download(*SELECTION_PARAMS, "bom")
def supporters_csv(request: HttpRequest, slug: str) -> HttpResponse:
    bom = bom_param(request)
    selection = Selection(request, slug)
    rows = (row_of(s) for s in selection.supporters())
    response = StreamingHttpResponse(
        csv_lines(HEADER, rows, bom=bom), content_type="text/csv; charset=utf-8"
    )
    attachment(response, selection.filename("csv"))
    observed_until_header(response, selection.agreement)
    return response  # type: ignore[return-value]


def json_document(head: dict[str, Any], items: Iterator[Supporter]) -> Iterator[str]:
    """`{**head, "supporters": [...]}` as text, one supporter at a time."""
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "supporters": ['
    for n, item in enumerate(items):
        yield (", " if n else "") + json.dumps(item, ensure_ascii=False)
    yield "]}"


@public_download(*SELECTION_PARAMS)
def supporters_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The command line's `supporters --json` answer for the selection, streamed."""
    selection = Selection(request, slug)
    head = {
        "agreement": selection.agreement.slug,
        "as_of": selection.as_of.isoformat(),
        "count": selection.rows.count(),
        "uncertain": queries.uncertain(
            selection.agreement, selection.as_of, selection.filter
        ).count(),
        **provenance(selection.agreement).as_json(),
    }
    response = StreamingHttpResponse(
        json_document(head, selection.supporters()), content_type="application/json"
    )
    attachment(response, selection.filename("json"))
    return response  # type: ignore[return-value]


@public_download()
def datapackage_json(request: HttpRequest, slug: str) -> HttpResponse:
    return JsonResponse(descriptor(queries.get_agreement(slug)), json_dumps_params={"indent": 2})


def every_endorsement(agreement: Agreement) -> Iterator[list[str]]:
    rows = (
        queries.endorsements_of(agreement)
        .select_related("actor")
        .order_by("actor__name", "actor__public_id", "number")
    )
    for endorsement in rows.iterator(chunk_size=CHUNK):
        yield row_of(queries.supporter_json(endorsement))


@public_download()
def endorsements_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The Data Package's table: every endorsement ever recorded, ended ones included."""
    agreement = queries.get_agreement(slug)
    response = StreamingHttpResponse(
        csv_lines(HEADER, every_endorsement(agreement)), content_type="text/csv; charset=utf-8"
    )
    attachment(response, f"{agreement.slug}-{ENDORSEMENTS_CSV}")
    observed_until_header(response, agreement)
    return response  # type: ignore[return-value]
