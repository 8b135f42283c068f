"""Submitting the log's newest checkpoint to the policy's witnesses (c2sp.org/tlog-witness).

`submit()` takes the stored checkpoint and, for every witness of the policy with a URL that
has not cosigned it yet, POSTs `add-checkpoint` with the consistency proof from the size that
witness cosigned last (as far as this instance knows; 0 at first). A 409 names the witness's
size: the proof is computed again from there. The valid cosignature lines of a 200 are stored
(`Cosignature`). A 403, 404 or 422, or a 409 naming a size beyond ours or a different root of
the same size, is an alarm: logged at ERROR and kept in `WitnessStatus.last_error`. A timeout
or refused connection is retried on later rounds with an exponential backoff. With
`PACTLOG_LOG_WITNESS_MIN_INTERVAL`, a witness gets at most one request per that many seconds
(the rate agreed with a public witness); the newest checkpoint is submitted at the next round.

It runs outside every request: `pactlog log witness --watch` (one per deployment) calls it in a
loop, and after each committed change a background thread makes one quick attempt
(`submit_soon`). Nothing here holds a database lock while waiting for a witness.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from pactlog import tlog
from pactlog.log import cosigned
from pactlog.log import policy as log_policy
from pactlog.log.integrate import open_log
from pactlog.log.models import Cosignature, LogState, WitnessedCheckpoint, WitnessStatus
from pactlog.tlog import Checkpoint, NoteError, TlogError
from pactlog.tlog.note import unverified_text
from pactlog.tlog.policy import PolicyWitness
from pactlog.tlog.witness import (
    SIZE_CONTENT_TYPE,
    AddCheckpoint,
    WitnessProtocolError,
    parse_size_body,
    read_cosignatures,
)

log = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 64 * 1024
MAX_REPROOFS = 3
BACKOFF_START, BACKOFF_MAX = 0.5, 60.0
ALARMS = (403, 404, 422)


@dataclass(frozen=True)
class Outcome:
    """What one submission to one witness came to."""

    witness: str
    result: str  # cosigned | already | waiting | superseded | unreachable | alarm | error
    detail: str = ""


def _post(url: str, body: bytes, timeout: float) -> tuple[int, str, bytes]:
    """(status, content type, body) of a POST; OSError when the witness cannot be reached."""
    request = urllib.request.Request(  # noqa: S310 (the policy's http(s) URL)
        url, data=body, method="POST", headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            return answer.status, answer.headers.get_content_type(), answer.read(MAX_ANSWER_BYTES)
    except urllib.error.HTTPError as exc:
        content_type = exc.headers.get_content_type() if exc.headers else ""
        return exc.code, content_type, exc.read(MAX_ANSWER_BYTES)


def _log_size() -> int:
    return int(LogState.objects.filter(pk=1).values_list("size", flat=True).first() or 0)


def _status(name: str) -> WitnessStatus:
    return WitnessStatus.objects.get_or_create(witness=name)[0]


def _alarm(status: WitnessStatus, message: str) -> Outcome:
    log.error("witness %s: %s", status.witness, message)
    _trouble(status, message, backoff=False)
    return Outcome(status.witness, "alarm", message)


def _trouble(status: WitnessStatus, message: str, backoff: bool) -> None:
    now = timezone.now()
    status.failures += 1
    status.last_error, status.last_error_at = message[:2000], now
    delay = min(BACKOFF_MAX, BACKOFF_START * 2 ** min(status.failures - 1, 16)) if backoff else 0
    status.retry_after = now + dt.timedelta(seconds=delay) if backoff else None
    status.save()


def _store(record: WitnessedCheckpoint, status: WitnessStatus, found: tlog.Cosignature) -> None:
    with transaction.atomic():
        Cosignature.objects.get_or_create(
            checkpoint=record,
            witness=status.witness,
            defaults={"key_name": found.name, "line": found.line, "timestamp": found.timestamp},
        )
        status.size, status.cosigned_at = record.size, timezone.now()
        status.failures, status.retry_after = 0, None
        status.save()


def _submit_one(
    witness: PolicyWitness,
    record: WitnessedCheckpoint,
    cp: Checkpoint,
    timeout: float,
    patient: bool,
) -> Outcome:
    status = _status(witness.name)
    now = timezone.now()
    if patient and status.retry_after is not None and status.retry_after > now:
        return Outcome(witness.name, "waiting", "backing off after a failure")
    spacing = dt.timedelta(seconds=float(getattr(settings, "LOG_WITNESS_MIN_INTERVAL", 0)))
    if patient and status.cosigned_at is not None and now - status.cosigned_at < spacing:
        return Outcome(witness.name, "waiting", "the agreed request rate")
    url = str(witness.url).rstrip("/") + "/add-checkpoint"
    old = status.size if status.size <= cp.size else 0
    for _ in range(MAX_REPROOFS):
        proof = open_log().consistency_proof(old, cp.size) if 0 < old < cp.size else []
        body = AddCheckpoint(old, tuple(proof), record.note).encode()
        try:
            code, content_type, answer = _post(url, body, timeout)
        except (OSError, ValueError) as exc:
            _trouble(status, f"unreachable: {exc}", backoff=True)
            return Outcome(witness.name, "unreachable", str(exc))
        if code == 200:
            try:
                found = read_cosignatures(record.note, answer, witness.verifier)
            except NoteError as exc:
                return _alarm(status, f"answered 200 without a valid cosignature: {exc}")
            if not found:
                return _alarm(status, "answered 200 without a cosignature by its key")
            _store(record, status, found[0])
            return Outcome(witness.name, "cosigned", f"size {cp.size}")
        if code == 409 and content_type == SIZE_CONTENT_TYPE:
            try:
                theirs = parse_size_body(answer)
            except WitnessProtocolError as exc:
                return _alarm(status, f"409 with a malformed size: {exc}")
            if theirs > cp.size:
                if theirs <= _log_size():  # another round already sent a newer checkpoint
                    return Outcome(witness.name, "superseded", f"it holds size {theirs}")
                return _alarm(status, f"it cosigned size {theirs}, beyond this log's {cp.size}")
            if theirs == old:
                return _alarm(status, f"it cosigned another root for size {theirs} (split view?)")
            old = theirs
            continue
        message = f"{code}: {answer[:300].decode('utf-8', 'replace').strip()}"
        if code in ALARMS:
            return _alarm(status, message)
        _trouble(status, message, backoff=True)
        return Outcome(witness.name, "error", message)
    return _alarm(status, "the witness's size kept changing while re-proving")


def submit(timeout: float | None = None, *, patient: bool = True) -> list[Outcome]:
    """One round: the newest checkpoint to every witness that has not cosigned it.

    patient=False also tries the witnesses still backing off after a failure.
    """
    policy = log_policy.load()
    note = LogState.objects.filter(pk=1).values_list("checkpoint", flat=True).first()
    if policy is None or not note:
        return []
    try:
        cp = Checkpoint.parse(unverified_text(note))
    except TlogError:
        log.exception("the stored checkpoint does not parse")
        return []
    record, _ = WitnessedCheckpoint.objects.get_or_create(size=cp.size, defaults={"note": note})
    done = set(record.cosignatures.values_list("witness", flat=True))
    wait = float(settings.LOG_WITNESS_TIMEOUT) if timeout is None else timeout
    outcomes = []
    for witness in policy.witnesses.values():
        if witness.name in done:
            outcomes.append(Outcome(witness.name, "already"))
        elif witness.url:
            outcomes.append(_submit_one(witness, record, cp, wait, patient))
    cosigned.publish()
    return outcomes


_busy = threading.Lock()
_again = threading.Event()


def _background() -> None:
    try:
        while True:
            _again.clear()
            submit()
            if not _again.is_set():
                break
    except Exception:
        log.exception("submitting to the witnesses failed; `pactlog log witness --watch` retries")
    finally:
        connection.close()
        _busy.release()


def submit_soon() -> None:
    """After a commit: one quick attempt in a background thread, never in the request's way."""
    if not getattr(settings, "LOG_POLICY", ""):
        return
    _again.set()
    if _busy.acquire(blocking=False):
        threading.Thread(target=_background, name="pactlog-witness", daemon=True).start()
