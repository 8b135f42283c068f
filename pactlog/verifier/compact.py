"""A compact range: the complete-subtree hashes of a log's first N leaves (at most 64).

The monitor keeps it in its state. Appending the new entries' leaf hashes and folding gives
the new checkpoint's root only if the old tree is a prefix of the new one and every new entry
is the one the log committed to: a run costs the new entries, never the whole log.
"""

from __future__ import annotations

from collections.abc import Iterable

from pactlog.tlog.hashing import fold_subtrees, leaf_hash, node_hash

Peaks = list[tuple[int, bytes]]
"""(height, hash) of each complete subtree, largest (leftmost) first."""


def append(peaks: Peaks, entries: Iterable[bytes]) -> None:
    for entry in entries:
        height, h = 0, leaf_hash(entry)
        while peaks and peaks[-1][0] == height:
            h = node_hash(peaks.pop()[1], h)
            height += 1
        peaks.append((height, h))


def root(peaks: Peaks) -> bytes:
    return fold_subtrees([h for _, h in peaks])


def size(peaks: Peaks) -> int:
    return sum(1 << height for height, _ in peaks)


def to_json(peaks: Peaks) -> list[list[object]]:
    return [[height, h.hex()] for height, h in peaks]


def from_json(data: list[list[object]]) -> Peaks:
    peaks = [(int(str(height)), bytes.fromhex(str(h))) for height, h in data]
    if any(len(h) != 32 for _, h in peaks):
        raise ValueError("a compact range hash is not 32 bytes")
    return peaks
