"""The witness over HTTP (c2sp.org/tlog-witness).

POST /add-checkpoint           submit a checkpoint with a consistency proof
GET  /<hex SHA-256 of origin>/checkpoint   the latest checkpoint it cosigned for that log
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from pactlog.tlog.witness import MAX_REQUEST_BYTES
from pactlog.witness import service

TEXT = "text/plain; charset=utf-8"


@csrf_exempt
@require_POST
def add_checkpoint(request: HttpRequest) -> HttpResponse:
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_REQUEST_BYTES:
        return HttpResponse(
            f"request body larger than {MAX_REQUEST_BYTES} bytes\n", status=400, content_type=TEXT
        )
    decision = service.add_checkpoint(request.read(MAX_REQUEST_BYTES + 1))
    return HttpResponse(decision.body, status=decision.status, content_type=decision.content_type)


@require_safe
def checkpoint(request: HttpRequest, origin_hash: str) -> HttpResponse:
    note = service.latest(origin_hash)
    if note is None:
        raise Http404("no checkpoint cosigned for that log")
    response = HttpResponse(note, content_type=TEXT)
    response["Cache-Control"] = "no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    return response
