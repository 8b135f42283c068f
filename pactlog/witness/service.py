"""add-checkpoint against the stored state: the check and the update in one transaction.

The log's row is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers) from reading the stored (size, root) until the new state is committed, and
the cosignature leaves this module only after that commit. So two submissions from the same
old size cannot both advance, and a process killed at any point has either stored the new
state (and may cosign it again, never another root of that size) or not answered at all.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.db import transaction
from django.utils import timezone

from pactlog.tlog import Verifier
from pactlog.tlog.witness import (
    Decision,
    LogState,
    WitnessProtocolError,
    decide,
    parse_add_checkpoint,
)
from pactlog.witness.keys import cosigner
from pactlog.witness.models import WitnessedLog

log = logging.getLogger(__name__)


def origin_hash(origin: str) -> str:
    return hashlib.sha256(origin.encode("utf-8")).hexdigest()


def add_checkpoint(body: bytes) -> Decision:
    """The witness's answer to an add-checkpoint body, its state stored before returning."""
    try:
        request = parse_add_checkpoint(body)
    except WitnessProtocolError as exc:
        return Decision(400, f"{exc}\n".encode())
    key = cosigner()
    with transaction.atomic():
        row = WitnessedLog.objects.select_for_update().filter(origin=request.origin).first()
        if row is None:
            return Decision(404, b"unknown log origin\n")
        keys = [Verifier(line) for line in row.keys.split()]
        stored = LogState(row.size, bytes(row.root))
        decision = decide(request, keys, stored, key, max(int(time.time()), 1))
        if decision.state is not None and decision.note is not None:
            row.size, row.root = decision.state.size, decision.state.root
            row.checkpoint, row.cosigned_at = decision.note, timezone.now()
            row.save(update_fields=["size", "root", "checkpoint", "cosigned_at"])
    if decision.status == 422:  # signed by the log, yet not consistent: keep it as evidence
        log.warning("log %s: refused (422) a signed checkpoint:\n%s", request.origin, request.note)
    return decision


def latest(origin_sha256: str) -> str | None:
    """The latest cosigned checkpoint of the log whose origin hashes to `origin_sha256`."""
    note = WitnessedLog.objects.filter(origin_hash=origin_sha256).values_list(
        "checkpoint", flat=True
    )
    return note.first() or None


def add_log(origin: str, vkey: str, url: str = "") -> WitnessedLog:
    """Trust a log (or one more key of it). Nothing is ever removed or reset."""
    verifier = Verifier(vkey)
    if verifier.name != origin:
        raise ValueError(f"the key is named {verifier.name!r}: a log's key name is its origin")
    with transaction.atomic():
        row, _ = WitnessedLog.objects.select_for_update().get_or_create(
            origin=origin, defaults={"origin_hash": origin_hash(origin), "keys": ""}
        )
        keys = row.keys.split()
        if verifier.key not in keys:
            keys.append(verifier.key)
        row.keys = "\n".join(keys)
        row.url = url or row.url
        row.save(update_fields=["keys", "url"])
    return row
