"""Coverage pages and a page per group: who is in a group, who of them endorses, on a date.

Reads go through the registry's query service; pages carry the registry version's ETag, and a
reader's mistake (unknown agreement or group, malformed date) is a 404 or 400 page saying so.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pactlog.groups.catalogue import Group, all_groups, get_group
from pactlog.groups.coverage import coverage_from
from pactlog.groups.statuses import state_endorsements
from pactlog.registry import queries
from pactlog.registry.countries import country_name
from pactlog.web.params import as_of_date
from pactlog.web.reads import public_read, reader_language


def _named(codes: list[str], lang: str) -> list[dict[str, str]]:
    """States with their names in the reader's language, in the order of those names."""
    named = [{"code": code, "name": country_name(code, lang) or code} for code in codes]
    return sorted(named, key=lambda s: (s["name"].casefold(), s["code"]))


def _shares(data: dict[str, Any]) -> dict[str, float]:
    """Percentages of the members for the bar (0 for an empty group), and where the last part
    starts (the bar is an SVG: no inline styles, so the strict CSP holds)."""
    total = len(data["members"]) or 1
    shares = {part: 100 * len(data[part]) / total for part in ("endorsed", "uncertain", "absent")}
    shares["absent_x"] = shares["endorsed"] + shares["uncertain"]
    return shares


@public_read("as_of", cache_page=False)
def coverage_index(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    as_of = as_of_date(request.GET, earliest=agreement.launched_on)
    lang = reader_language()
    states = state_endorsements(agreement, as_of)
    rows = []
    for group in all_groups():
        data = coverage_from(agreement, group, as_of, states)
        rows.append(
            {"group": group, "name": group.name(lang), "data": data, "shares": _shares(data)}
        )
    return render(
        request,
        "groups/coverage_index.html",
        {"agreement": agreement, "active": "coverage", "as_of": as_of, "rows": rows},
    )


@public_read("as_of", cache_page=False)
def group_coverage(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    group = get_group(group_slug)
    as_of = as_of_date(request.GET, earliest=agreement.launched_on)
    lang = reader_language()
    data = coverage_from(agreement, group, as_of, state_endorsements(agreement, as_of))
    lists = [(part, _named(data[part], lang)) for part in ("endorsed", "uncertain", "absent")]
    return render(
        request,
        "groups/group_coverage.html",
        {
            "agreement": agreement,
            "active": "coverage",
            "as_of": as_of,
            "group": group,
            "group_name": group.name(lang),
            "data": data,
            "shares": _shares(data),
            "lists": lists,
            "non_state_members": [n.name(lang) for n in group.non_state_members(as_of)],
        },
    )


def _history(group: Group, lang: str) -> list[dict[str, Any]]:
    return [
        {"day": c.day, "joined": _named(list(c.joined), lang), "left": _named(list(c.left), lang)}
        for c in reversed(group.changes())
    ]


@public_read("as_of", cache_page=False)
def group_page(request: HttpRequest, group_slug: str) -> HttpResponse:
    group = get_group(group_slug)
    as_of = as_of_date(request.GET)
    lang = reader_language()
    agreements = list(queries.all_agreements())
    endorsements = [state_endorsements(a, as_of) for a in agreements]
    members = []
    for state in _named(sorted(group.members(as_of)), lang):
        cells = [e.state_of(state["code"]) for e in endorsements]
        members.append({**state, "cells": cells})
    return render(
        request,
        "groups/group.html",
        {
            "group": group,
            "group_name": group.name(lang),
            "as_of": as_of,
            "agreements": agreements,
            "members": members,
            "non_state_members": [n.name(lang) for n in group.non_state_members(as_of)],
            "history": _history(group, lang),
            "undated": _named(sorted(m.member for m in group.memberships if m.since is None), lang),
        },
    )


@public_read("as_of", cache_page=False)
def group_index(request: HttpRequest) -> HttpResponse:
    as_of = as_of_date(request.GET)
    lang = reader_language()
    groups = [
        {"group": g, "name": g.name(lang), "size": len(g.members(as_of))} for g in all_groups()
    ]
    return render(request, "groups/index.html", {"groups": groups, "as_of": as_of})
