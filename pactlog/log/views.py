"""The log over HTTP, per C2SP tlog-tiles, and its page for people.

    /log/checkpoint               the latest signed checkpoint       (short cache)
    /log/policy                   the witness policy, if any (tlog-policy)
    /log/tile/<L>/<N>[.p/<W>]     hash tiles                         (immutable)
    /log/tile/entries/<N>[.p/<W>] entry bundles                      (immutable)
    /log/  /en/log/  /fr/log/     what the log is and how to check it

Tiles and bundles never change once written (a partial tile of width W is the same bytes for
ever), so they are cached for a year; the checkpoint moves with each change. Every file is
readable from any origin and has a strong ETag.
"""

from __future__ import annotations

import hashlib
import logging

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pactlog.log import cosigned, keys
from pactlog.log import policy as log_policy
from pactlog.log.integrate import integrate, stored_size
from pactlog.log.models import LogState
from pactlog.log.store import DatabaseTileStore
from pactlog.registry.services import event_count
from pactlog.tlog import TlogError, parse_tile_path

log = logging.getLogger(__name__)

CHECKPOINT_MAX_AGE = 5
IMMUTABLE = "public, max-age=31536000, immutable"


def _file(request: HttpRequest, data: bytes, content_type: str, cache: str) -> HttpResponseBase:
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponseBase = HttpResponse(status=304)
    else:
        response = HttpResponse(data, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


def latest_checkpoint() -> str | None:
    """The checkpoint, after integrating events a crash or a failed hook left behind."""
    if stored_size() < event_count():
        try:
            integrate()
        except Exception:  # serve the last good checkpoint; the failure is logged
            log.exception("catch-up integration failed")
    return LogState.objects.filter(pk=1).values_list("checkpoint", flat=True).first() or None


@require_safe
def checkpoint(request: HttpRequest) -> HttpResponseBase:
    note = cosigned.published_note(latest_checkpoint())
    if note is None:
        raise Http404("the log is empty")
    return _file(
        request,
        note.encode(),
        "text/plain; charset=utf-8",
        f"public, max-age={CHECKPOINT_MAX_AGE}, must-revalidate",
    )


@require_safe
def policy(request: HttpRequest) -> HttpResponseBase:
    """The instance's tlog-policy file, as given: which witnesses must cosign its checkpoints."""
    loaded = log_policy.load_or_none()
    if loaded is None:
        raise Http404("this instance has no witness policy")
    return _file(request, loaded.text.encode(), "text/plain; charset=utf-8", "public, max-age=60")


@require_safe
def tile(request: HttpRequest, path: str) -> HttpResponseBase:
    name = f"tile/{path}"
    try:
        parse_tile_path(name)
    except (TlogError, ValueError):
        raise Http404("not a tlog-tiles path") from None
    data = DatabaseTileStore().read_file(name)
    if data is None:
        raise Http404("no such tile")
    return _file(request, data, "application/octet-stream", IMMUTABLE)


def witnessing_context(note: str | None) -> dict[str, object]:
    """The page's witnesses section: the policy, the published checkpoint, who cosigned it."""
    policy = log_policy.load_or_none()
    if policy is None:
        return {}
    published = cosigned.current(note)
    return {
        "policy": policy,
        "witnessing": published,
        "witness_rows": cosigned.witness_rows(policy, published),
    }


@require_safe
def page(request: HttpRequest) -> HttpResponse:
    note = latest_checkpoint()
    base = request.build_absolute_uri("/log/")
    site = request.build_absolute_uri("/")
    context = {
        "verifier_key": keys.verifier_key(),
        "origin": keys.origin(),
        "checkpoint": note,
        "log_url": base,
        "site_url": site,
    }
    return render(request, "log/page.html", {**context, **witnessing_context(note)})
