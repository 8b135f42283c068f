"""A monitor's second look: do the witnesses hold the same log as the one it verified?

Each witness of a policy serves the latest checkpoint it cosigned at
`<its URL>/<hex SHA-256 of the origin>/checkpoint`. That checkpoint, signed by the log, must
be consistent with the one the log serves: same root at the same size, else a consistency
proof (computed from the log's published tiles) between the two sizes. Two checkpoints signed
by the log that fail this are evidence of a split view, which the caller prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pactlog.tlog.checkpoint import Checkpoint
from pactlog.tlog.errors import (
    FetchError,
    LogError,
    NoteError,
    NotFoundError,
    ProofError,
    TileError,
)
from pactlog.tlog.note import Verifier
from pactlog.tlog.policy import Policy, open_cosigned
from pactlog.tlog.proofs import verify_consistency
from pactlog.tlog.tiles import Fetch, TileHashReader, fetch_tile
from pactlog.tlog.witness import monitoring_path


@dataclass(frozen=True)
class WitnessView:
    """What one witness holds: `evidence` is set when it contradicts the log's checkpoint."""

    witness: str
    summary: str
    evidence: str | None = None


def _consistent(fetch_log: Fetch, small: Checkpoint, large: Checkpoint) -> bool | None:
    """Whether `small` is a prefix of `large` per the log's tiles; None if they are missing."""
    try:
        reader = TileHashReader(lambda lv, i, w: fetch_tile(fetch_log, lv, i, w), large.size)
        proof = reader.consistency_proof(small.size, large.size)
        verify_consistency(small.size, large.size, small.root, large.root, proof)
    except ProofError:
        return False
    except (FetchError, TileError, LogError):
        return None
    return True


def compare_with_witnesses(
    policy: Policy,
    log_key: Verifier,
    served: Checkpoint,
    fetch_log: Fetch,
    fetch_witness: Callable[[str], Fetch],
) -> list[WitnessView]:
    """One view per witness of `policy` that has a URL."""
    views = []
    for name, witness in policy.witnesses.items():
        if not witness.url:
            continue
        try:
            note = fetch_witness(witness.url)(monitoring_path(served.origin))
            theirs = open_cosigned(note, log_key, {name: witness.verifier}).checkpoint
        except NotFoundError:
            views.append(WitnessView(name, "holds no checkpoint of this log"))
            continue
        except FetchError as exc:
            views.append(WitnessView(name, f"unreachable: {exc}"))
            continue
        except NoteError as exc:
            views.append(WitnessView(name, f"serves a checkpoint that does not verify: {exc}"))
            continue
        small, large = sorted([theirs, served], key=lambda c: c.size)
        if small.size == large.size:
            agree: bool | None = small.root == large.root
        else:
            agree = _consistent(fetch_log, small, large)
        summary = f"cosigned size {theirs.size}"
        if agree is False:
            views.append(WitnessView(name, summary, note.decode("utf-8", "replace")))
        else:
            checked = "consistent" if agree else "not comparable (tiles missing)"
            views.append(WitnessView(name, f"{summary}: {checked}"))
    return views
