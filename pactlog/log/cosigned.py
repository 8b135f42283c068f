"""The checkpoint the instance publishes, with its witnesses' cosignatures.

Without a policy it is the log's newest checkpoint. With one (`PACTLOG_LOG_POLICY`), it is the
newest checkpoint whose stored cosignatures meet the policy's quorum, as a signed note with
the log's signature followed by each cosignature line; until some checkpoint has met the
quorum, the newest one is served with whatever cosignatures it has (a verifier holding the
policy then refuses it, which is the point). Entries added while the witnesses are down are
in the tiles and the API at once, and covered by the published checkpoint once the witnesses
have cosigned a checkpoint that includes them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from pactlog.log import policy as log_policy
from pactlog.log.models import Cosignature, LogState, WitnessedCheckpoint
from pactlog.tlog import Policy

log = logging.getLogger(__name__)

SCAN, PAGE = 500, 10
"""Newest cosigned checkpoints examined for the quorum (older ones have been superseded), and
how many are read at a time."""


@dataclass(frozen=True)
class Cosigned:
    """A published checkpoint: its note and which witnesses cosigned it, when."""

    size: int
    note: str
    cosigners: tuple[tuple[str, dt.datetime], ...]
    meets_quorum: bool


def _with_lines(record: WitnessedCheckpoint, rows: list[Cosignature]) -> str:
    return record.note + "".join(row.line for row in sorted(rows, key=lambda r: r.witness))


def _cosigned(record: WitnessedCheckpoint, rows: list[Cosignature], policy: Policy) -> Cosigned:
    names = {row.witness for row in rows}
    when = tuple(
        (row.witness, dt.datetime.fromtimestamp(row.timestamp, dt.UTC))
        for row in sorted(rows, key=lambda r: r.witness)
    )
    return Cosigned(record.size, _with_lines(record, rows), when, policy.satisfied_by(names))


def newest_witnessed(policy: Policy) -> Cosigned | None:
    """The newest stored checkpoint whose cosignatures meet the quorum, if any."""
    cosigned = (
        WitnessedCheckpoint.objects.filter(cosignatures__isnull=False).distinct().order_by("-size")
    )
    for start in range(0, SCAN, PAGE):  # usually the first record already meets it
        records = list(cosigned.prefetch_related("cosignatures")[start : start + PAGE])
        for record in records:
            rows = [row for row in record.cosignatures.all() if row.witness in policy.witnesses]
            found = _cosigned(record, rows, policy)
            if found.meets_quorum:
                return found
        if len(records) < PAGE:
            break
    return None


def current(latest: str | None) -> Cosigned | None:
    """What to publish, given the log's newest checkpoint `latest` (None if the log is empty)."""
    policy = log_policy.load_or_none()
    if latest is None:
        return None
    if policy is None:
        return Cosigned(-1, latest, (), True)
    found = newest_witnessed(policy)
    if found is not None:
        return found
    record = WitnessedCheckpoint.objects.order_by("-size").first()
    if record is None:
        return Cosigned(-1, latest, (), policy.satisfied_by(()))
    return _cosigned(record, list(record.cosignatures.all()), policy)


def published_note(latest: str | None) -> str | None:
    """The note `/log/checkpoint` serves."""
    found = current(latest)
    return None if found is None else found.note


def publish(folder: Path | None = None) -> None:
    """Write the published checkpoint under `folder` (default PACTLOG_PUBLISH_DIR/log/)."""
    from pactlog.log.integrate import publish_root
    from pactlog.site.publish import write_atomically

    root = folder or publish_root()
    latest = LogState.objects.filter(pk=1).values_list("checkpoint", flat=True).first()
    found = current(latest or None)
    if root is None or found is None:
        return
    try:
        path = root / "checkpoint"
        if not path.exists() or path.read_text() != found.note:
            write_atomically(path, found.note.encode())
    except OSError:
        log.exception("could not write the published checkpoint under %s", root)


MIRROR_MARK = ".integrated-checkpoint"
"""With a policy, the log's own newest checkpoint in the publish folder (not served by nginx):
what the folder's tiles cover, while `checkpoint` is the witnessed one."""


def mirrored_checkpoint(root: Path) -> str | None:
    """The log checkpoint whose files the publish folder holds."""
    path = root / (MIRROR_MARK if log_policy.policy_path() else "checkpoint")
    return path.read_text() if path.exists() else None


def write_mirrored_checkpoint(root: Path, note: str) -> None:
    """Record that the folder holds the files of `note`, and publish what should be served."""
    from pactlog.site.publish import write_atomically

    if log_policy.policy_path() is None:
        write_atomically(root / "checkpoint", note.encode())
        return
    write_atomically(root / MIRROR_MARK, note.encode())
    publish(root)


def witness_rows(
    policy: Policy, published: Cosigned | None
) -> list[tuple[str, dt.datetime | None]]:
    """Every witness of the policy with the time it cosigned the published checkpoint, if it did."""
    when = dict(published.cosigners) if published is not None else {}
    return [(name, when.get(name)) for name in policy.witnesses]
