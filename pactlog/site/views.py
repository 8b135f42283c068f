"""The public site's pages.

Every read goes through `pactlog.registry.queries`; answers are cached under the registry's
version (`caching.cached`) and pages carry its ETag, so nothing expires on a timer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pactlog.groups.catalogue import all_groups
from pactlog.registry import queries, timeline
from pactlog.registry.caching import cached
from pactlog.registry.countries import country_name
from pactlog.registry.models import Agreement
from pactlog.site import labels, params
from pactlog.site.growth import growth_series
from pactlog.site.history import history_rows
from pactlog.site.publish import counters_body, counters_of
from pactlog.site.rows import json_row, supporter_row
from pactlog.web.params import as_of_date, page_number
from pactlog.web.reads import public_read, reader_language

NEWEST = 10


def _agreement_context(agreement: Agreement, active: str, **extra: Any) -> dict[str, Any]:
    return {"agreement": agreement, "active": active, **extra}


@public_read()
def agreements(request: HttpRequest) -> HttpResponse:
    return render(request, "site/agreements.html", {"agreements": list(queries.all_agreements())})


@public_read("as_of")
def home(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    as_of = as_of_date(request.GET, earliest=agreement.launched_on)
    lang = reader_language()

    def newest() -> list[dict[str, Any]]:
        rows = queries.ordered(queries.in_force(agreement, as_of), "-date", lang)[:NEWEST]
        return [supporter_row(e, lang) for e in rows]

    counts = timeline.counts(agreement, as_of)
    context = _agreement_context(
        agreement,
        "home",
        as_of=as_of,
        counts=counts,
        categories=list(counts["by_category"].items()),
        growth=cached(f"site:growth:{slug}:{as_of}", lambda: growth_series(agreement, as_of)),
        newest=cached(f"site:newest:{slug}:{as_of}:{lang}", newest),
        principles=list(agreement.principles.order_by("number")),
        growth_labels=_growth_labels(counts["by_category"]),
        has_world_map=_world_map_available(),
    )
    return render(request, "site/home.html", context)


def _growth_labels(by_category: dict[str, int]) -> dict[str, Any]:
    """Words the chart script shows, in the page's language."""
    return {
        "categories": {category: labels.category(category) for category in by_category},
        "uncertain": _("Uncertain"),
        "date": _("Date"),
        "supporters": _("Supporters"),
    }


def _world_map_available() -> bool:
    """The groups app's `maps` tag library, once it exists, draws the states on a map."""
    return "maps" in engines["django"].engine.template_libraries  # type: ignore[attr-defined]


def _country_choices(agreement: Agreement, lang: str) -> list[tuple[str, str]]:
    def compute() -> list[tuple[str, str]]:
        codes = set(
            queries.endorsements_of(agreement)
            .exclude(actor__country="")
            .values_list("actor__country", flat=True)
        )
        return sorted(((c, country_name(c, lang) or c) for c in codes), key=lambda p: p[1])

    return cached(f"site:countries:{agreement.slug}:{lang}", compute)


def _group_choices(lang: str) -> list[tuple[str, str]]:
    return [(group.slug, group.name(lang)) for group in all_groups()]


@public_read(*params.LIST_PARAMS)
def supporters(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    query = params.ListQuery.parse(
        request.GET, earliest=agreement.launched_on, page=page_number(request.GET.get("page"))
    )
    lang = reader_language()

    def compute() -> dict[str, Any]:
        answer = queries.supporter_page(
            agreement, query.as_of, query.filter(), query.order, query.page, params.PAGE_SIZE, lang
        )
        return {**answer, "rows": [json_row(s, lang) for s in answer["supporters"]]}

    results = cached(f"site:list:{slug}:{lang}:{query.cache_key()}", compute)
    context = _agreement_context(
        agreement,
        "supporters",
        query=query,
        results=results,
        export_query=urlencode(query.as_params()),
        category_choices=[(c, labels.category(c)) for c in agreement.categories],
        country_choices=_country_choices(agreement, lang),
        nature_choices=[(n, labels.nature(n)) for n in queries.NATURES],
        group_choices=_group_choices(lang),
    )
    return render(request, "site/supporters.html", context)


@public_read()
def supporter(request: HttpRequest, slug: str, actor_id: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    actor = queries.get_actor(actor_id)
    lang = reader_language()
    endorsements = list(queries.endorsements_by(actor))
    here = [e for e in endorsements if e.agreement_id == agreement.pk]
    if not here:
        raise queries.NotFound(f"{actor.display_name(lang)!r} has no endorsement of {slug!r}")
    others: dict[int, Agreement] = {
        e.agreement_id: e.agreement for e in endorsements if e.agreement_id != agreement.pk
    }
    context = _agreement_context(
        agreement,
        "supporters",
        actor=actor,
        name=actor.display_name(lang),
        written_name=actor.written_name(lang),
        website_is_link=actor.website.lower().startswith(("https://", "http://")),
        endorsements=here,
        other_agreements=list(others.values()),
        history=history_rows(queries.actor_events(actor), lang),
    )
    return render(request, "site/supporter.html", context)


@public_read("from", "to")
def changes(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    earliest = agreement.launched_on
    end = as_of_date(request.GET, "to", earliest=earliest)
    default_start = agreement.launched_on or end - dt.timedelta(days=365)
    # A comparison may start before the launch ("who had joined by then"): 1900 is the bound.
    start = as_of_date(request.GET, "from", min(default_start, end))
    lang = reader_language()

    def compute() -> dict[str, list[dict[str, Any]]]:
        answer = queries.changes(agreement, start, end, lang)
        return {
            kind: [json_row(item, lang) for item in answer[kind]]
            for kind in ("joined", "left", "uncertain")
        }

    lists = cached(f"site:changes:{slug}:{start}:{end}:{lang}", compute)
    context = _agreement_context(agreement, "changes", start=start, end=end, **lists)
    return render(request, "site/changes.html", context)


@public_read()
def principles(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    context = _agreement_context(
        agreement, "principles", principles=list(agreement.principles.order_by("number"))
    )
    return render(request, "site/principles.html", context)


@public_read()
def full_text(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    return render(request, "site/text.html", _agreement_context(agreement, "text"))


@public_read("as_of", embeddable=True)
def embed_counters(request: HttpRequest, slug: str) -> HttpResponse:
    """The one page other sites may frame (any origin: CSP frame-ancestors *, errors too)."""
    agreement = queries.get_agreement(slug)
    as_of = as_of_date(request.GET, earliest=agreement.launched_on)
    counts = timeline.counts(agreement, as_of)
    context = {
        "agreement": agreement,
        "as_of": as_of,
        "counts": counts,
        "categories": list(counts["by_category"].items()),
    }
    return render(request, "site/embed_counters.html", context)


@public_read("as_of", errors="json", etag="plain", cross_origin=True)
def counters_json(request: HttpRequest, slug: str) -> HttpResponse:
    """`queries.counts` as JSON, readable from any origin (for embeds and dashboards)."""
    agreement = queries.get_agreement(slug)
    as_of = as_of_date(request.GET, earliest=agreement.launched_on)
    body = counters_body(counters_of(agreement, as_of))
    return HttpResponse(body, content_type="application/json")
