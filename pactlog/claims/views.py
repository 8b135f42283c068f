"""Claim pages: the list with verdicts, one claim with its evidence, and the "check a number"
answer. Pages show the stored verdict, or compute it in memory when the registry has moved on
since: a read never writes a verdict row (`claims.verdicts.current`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from pactlog.claims import present
from pactlog.claims.forms import CheckForm
from pactlog.claims.models import Claim
from pactlog.claims.spec import ClaimSpec
from pactlog.claims.verdicts import current, judge, steps_of, windows_of
from pactlog.registry import queries
from pactlog.registry.models import Agreement
from pactlog.web.params import date_window
from pactlog.web.reads import public_read, reader_language


def public(view: Any) -> Any:
    """ETag by registry version (claims are events too); not kept by the front."""
    return public_read(cache_page=False, front=False)(view)


def _supporters_link(agreement: Agreement, spec: ClaimSpec) -> str:
    params = {"as_of": spec.as_of.isoformat()}
    if spec.kind == "count" and spec.quantity not in ("total", "group"):
        params["category"] = spec.quantity
    if spec.group:
        params["group"] = spec.group
    if spec.kind in ("states-absent", "group-missing") and not spec.group:
        params["category"] = "state"
    return f"{reverse('site:supporters', args=[agreement.slug])}?{urlencode(params)}"


def _reasons(agreement: Agreement, details: dict[str, Any]) -> list[dict[str, str]]:
    """The reasons, each linked to the changes page of the days it rests on (that page's rows
    open each supporter's evidence); no link where those days are outside the dates the page
    accepts (before the launch, beyond next year)."""
    changes = reverse("site:changes", args=[agreement.slug])
    earliest = date_window()[0].isoformat()
    first, last = (day.isoformat() for day in date_window(agreement.launched_on))

    def link(reason: present.Reason) -> str:
        if not (reason.start and reason.end):
            return ""
        if not (earliest <= reason.start and first <= reason.end <= last):
            return ""
        return f"{changes}?{urlencode({'from': reason.start, 'to': reason.end})}"

    return [{"text": reason.text, "link": link(reason)} for reason in present.explain(details)]


def _evidence(agreement: Agreement, spec: ClaimSpec, details: dict[str, Any]) -> dict[str, Any]:
    """What a claim page and the check answer show beside the verdict."""
    lang = reader_language()
    chart = None
    if spec.kind == "count":
        groups = {spec.group: windows_of(spec.group)} if spec.group else None
        points = present.chart_points(steps_of(agreement, spec.definition(), groups), spec.as_of)
        low, high = details["comparison"]["accepted"]
        chart = {
            "points": points,
            "as_of": spec.as_of.isoformat(),
            "claimed": spec.value,
            "labels": {
                "certain": str(present.verdict_label("consistent")),
                "count": present.quantity_label(spec.definition().quantity),
                "low": low,
                "high": high,
            },
        }
    return {
        "details": details,
        "verdict_label": present.verdict_label(details["verdict"]),
        "reasons": _reasons(agreement, details),
        "parts": present.parts(details, lang),
        "chart": chart,
        "supporters_link": _supporters_link(agreement, spec),
        "quantity_label": present.quantity_label(spec.definition().quantity)
        if spec.kind == "count"
        else "",
        "op_label": present.op_label(spec.op) if spec.op else "",
        "claimed": present.claimed(spec.op, spec.value, spec.definition().quantity)
        if spec.kind == "count" and spec.op and spec.value is not None
        else "",
    }


@public
def claim_list(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    rows = []
    for claim in Claim.objects.filter(agreement=agreement).select_related("agreement"):
        verdict = current(claim)["verdict"]
        rows.append({"claim": claim, "verdict": verdict,
                     "verdict_label": present.verdict_label(verdict)})  # fmt: skip
    context = {"agreement": agreement, "active": "claims", "rows": rows,
               "form": CheckForm(agreement, initial={"as_of": None})}  # fmt: skip
    return render(request, "claims/list.html", context)


@public
def claim_page(request: HttpRequest, slug: str, claim_id: str) -> HttpResponse:
    agreement = queries.get_agreement(slug)
    claim = Claim.objects.filter(agreement=agreement, public_id=claim_id).first()
    if claim is None:
        raise queries.NotFound(f"no claim {claim_id!r} about {slug!r}")
    spec = claim.spec()
    history = [
        {"row": row, "label": present.verdict_label(row.verdict)}
        for row in claim.verdicts.order_by("registry_version")
    ]
    context = {"agreement": agreement, "active": "claims", "claim": claim, "spec": spec,
               "history": history, **_evidence(agreement, spec, current(claim))}  # fmt: skip
    return render(request, "claims/claim.html", context)


@public_read(*CheckForm.base_fields, etag="none", cache_page=False, front=False)
def check(request: HttpRequest, slug: str) -> HttpResponse:
    """The answer to the "check a number" box: nothing is stored."""
    agreement = queries.get_agreement(slug)
    form = CheckForm(agreement, request.GET or None)
    context: dict[str, Any] = {"agreement": agreement, "active": "claims", "form": form}
    status = 200
    if form.is_bound and form.is_valid():
        try:
            spec = form.spec()
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 400
        else:
            details = judge(spec, agreement).as_json()
            context.update(spec=spec, **_evidence(agreement, spec, details))
    elif form.is_bound:
        status = 400
    return render(request, "claims/check.html", context, status=status)
