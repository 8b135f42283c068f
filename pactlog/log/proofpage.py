"""`/<lang>/log/entries/<index>/`: one log entry and its inclusion proof, for people.

The same facts as `/api/v1/log/entries/<index>` (which stays the machine-readable answer),
spelled out: what the entry records, the signed checkpoint it is proved against, the proof's
hashes, whether the proof checks out here, and the command that checks it independently.
Like every read, it serves the log as stored (integration happens after each commit).
"""

from __future__ import annotations

import base64
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pactlog.log.integrate import open_log
from pactlog.tlog import ProofError, leaf_hash, verify_inclusion
from pactlog.web.errors import error_page
from pactlog.web.reads import public_read


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@public_read(etag="none", cache_page=False, front=False)
def entry_page(request: HttpRequest, index: int) -> HttpResponse:
    tree = open_log()
    note = tree.checkpoint_note
    if note is None or not 0 <= index < tree.size:
        size = tree.size if note is not None else 0
        message = _("There is no log entry %(index)s: the log has %(size)s entries.") % {
            "index": index,
            "size": size,
        }
        return error_page(request, 404, message)
    data = tree.entry(index)
    proof = tree.inclusion_proof(index, tree.size)
    root = tree.root()
    leaf = leaf_hash(data)
    try:
        verify_inclusion(leaf, index, tree.size, proof, root)
        verified = True
    except ProofError:
        verified = False
    entry = json.loads(data)
    context = {
        "index": index,
        "entry": entry,
        "payload": json.dumps(entry.get("payload"), indent=2, ensure_ascii=False, sort_keys=True),
        "leaf_hash": _b64(leaf),
        "tree_size": tree.size,
        "root_hash": _b64(root),
        "proof": [_b64(h) for h in proof],
        "checkpoint": note,
        "verified": verified,
        "site_url": request.build_absolute_uri("/"),
    }
    return render(request, "log/entry.html", context)
