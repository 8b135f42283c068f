"""`/log/proof/<index>`: a receipt for one log entry, in the C2SP tlog-proof format.

The entry, its inclusion proof and the latest signed checkpoint, with the actor's and the
agreement's names as context; `pactlog-verify proof FILE --key VKEY` checks it offline.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from pactlog.log.cosigned import current
from pactlog.log.integrate import open_log
from pactlog.log.views import served_checkpoint
from pactlog.tlog.checkpoint import Checkpoint
from pactlog.verifier.receipt import make_receipt
from pactlog.web.reads import public_read


def _context(entry: bytes) -> dict[str, Any]:
    """The actor's kind, name and country and the agreement's title, for the words."""
    from pactlog.registry.models import Actor, Agreement

    payload = json.loads(entry).get("payload", {})
    context: dict[str, Any] = {}
    actor = Actor.objects.filter(public_id=str(payload.get("actor", ""))).first()
    if actor is not None:
        context["actor"] = {
            "kind": actor.kind,
            "name": actor.name,
            "country": actor.country,
            "category": actor.category,
        }
    agreement = Agreement.objects.filter(slug=str(payload.get("agreement", ""))).first()
    if agreement is not None:
        context["agreement"] = {"title": {"en": agreement.title_en, "fr": agreement.title_fr}}
    return context


def receipt(index: int) -> str:
    """The tlog-proof text of entry `index` against the checkpoint `/log/checkpoint` serves (the
    witnessed one under a policy); Http404 if it does not cover the entry yet."""
    published = current(served_checkpoint())
    size = Checkpoint.parse(published.note.split("\n\n", 1)[0] + "\n").size if published else 0
    if published is None or not 0 <= index < size:
        raise Http404("no such log entry in the published checkpoint")
    tree = open_log()
    entry = tree.entry(index)
    proof = tree.inclusion_proof(index, size)
    return make_receipt(index, entry, proof, published.note, _context(entry))


@public_read(etag="none", cache_page=False, front=False, cross_origin=True)
def proof(request: HttpRequest, index: int) -> HttpResponse:
    response = HttpResponse(receipt(index), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pactlog-entry-{index}.tlog-proof"'
    response["Cache-Control"] = "no-cache"
    return response
