"""`/api/v1/log/...`: one entry with its inclusion proof, and consistency proofs.

Hashes are standard base64, as in checkpoints. Each answer carries the signed checkpoint it is
proved against, so a client checks the signature, then the proof, with nothing else.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.params.functions import Query
from pydantic import ConfigDict

from pactlog.log.integrate import open_log
from pactlog.registry.queries import NotFound, QueryError
from pactlog.tlog import TiledLog, leaf_hash
from pactlog.web.ninja import documented

router = Router(tags=["log"])

MAX_INDEX = 2**63 - 1


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class LogEntry(Schema):
    index: int
    entry: dict[str, Any] = Field(description="The entry, parsed: payload, recorded_at, seq, type.")
    entry_base64: str = Field(description="The entry's exact bytes (canonical JSON, UTF-8).")
    leaf_hash: str = Field(description="SHA-256(0x00 || entry), base64.")
    tree_size: int
    root_hash: str
    inclusion_proof: list[str] = Field(description="RFC 9162 inclusion proof, base64 hashes.")
    checkpoint: str = Field(description="The signed checkpoint of tree_size and root_hash.")


class Consistency(Schema):
    from_: int = Field(alias="from")
    to: int
    from_root: str
    to_root: str
    proof: list[str] = Field(description="RFC 9162 consistency proof, base64 hashes.")
    checkpoint: str = Field(description="The latest signed checkpoint (its size is >= to).")

    model_config = ConfigDict(populate_by_name=True)


def _open() -> tuple[TiledLog, str]:
    """The stored log and its checkpoint, read together."""
    tree = open_log()
    if tree.checkpoint_note is None:
        raise NotFound("the log is empty")
    return tree, tree.checkpoint_note


@router.get(
    "/entries/{index}", response=documented(LogEntry), summary="One log entry and its proof"
)
def entry(request: HttpRequest, index: int) -> Any:
    """Entry `index` (= event seq) with its inclusion proof against the latest checkpoint."""
    tree, note = _open()
    if not 0 <= index < tree.size:
        raise NotFound(f"no entry {index}: the log has {tree.size} entries (0 to {tree.size - 1})")
    data = tree.entry(index)
    return {
        "index": index,
        "entry": json.loads(data),
        "entry_base64": b64(data),
        "leaf_hash": b64(leaf_hash(data)),
        "tree_size": tree.size,
        "root_hash": b64(tree.root()),
        "inclusion_proof": [b64(h) for h in tree.inclusion_proof(index, tree.size)],
        "checkpoint": note,
    }


@router.get(
    "/consistency",
    response=documented(Consistency),
    by_alias=True,
    summary="A consistency proof between sizes",
)
def consistency(
    request: HttpRequest,
    from_: int = Query(..., alias="from", ge=0, le=MAX_INDEX),
    to: int | None = Query(None, ge=0, le=MAX_INDEX, description="Default: the latest size."),
) -> Any:
    """Proof that the tree of `from` entries is a prefix of the tree of `to` entries."""
    tree, note = _open()
    new = tree.size if to is None else to
    if new > tree.size:
        raise NotFound(f"no tree of size {new}: the log has {tree.size} entries")
    if from_ > new:
        raise QueryError(f"from ({from_}) must not be greater than to ({new})")
    return {
        "from": from_,
        "to": new,
        "from_root": b64(tree.root(from_)),
        "to_root": b64(tree.root(new)),
        "proof": [b64(h) for h in tree.consistency_proof(from_, new)],
        "checkpoint": note,
    }
