"""Full verification of a published tiled log, as an outside auditor does it.

audit_log() trusts only the log's public key. It

  1. opens the checkpoint with that key (and the expected origin),
  2. recomputes the checkpoint's root from the hash tiles alone (what a light
     client relies on),
  3. downloads every entry bundle, recomputes every leaf hash, every hash tile
     at every level and the root from the entries, and compares each with what
     is published,
  4. optionally checks that an older checkpoint is a prefix of the current one,
     with a consistency proof computed from the tiles.

Memory stays small however large the log: entries are processed one bundle at
a time, keeping at most one partial tile of hashes per level. Bundles and their
level-0 tiles are fetched a bounded window ahead by a few threads, since over
HTTP the round trips, not the hashing, dominate.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from pactlog.tlog.builder import Tile, TileBuilder
from pactlog.tlog.checkpoint import Checkpoint, open_checkpoint
from pactlog.tlog.errors import NoteError, NotFoundError, ProofError, TileError, VerificationError
from pactlog.tlog.hashing import leaf_hashes
from pactlog.tlog.note import Verifier
from pactlog.tlog.proofs import verify_consistency
from pactlog.tlog.tiles import (
    TILE_WIDTH,
    Fetch,
    TileHashReader,
    fetch_bundle,
    fetch_tile,
    tile_path,
    tile_width,
)


@dataclass(frozen=True)
class AuditResult:
    """What an audit established."""

    checkpoint: Checkpoint
    entries_checked: int
    tiles_checked: int
    since: Checkpoint | None = None


Progress = Callable[[int, int], None]
"""progress(entries_done, total): called after each bundle."""

OnEntries = Callable[[int, list[bytes]], None]
"""on_entries(first_index, entries): each bundle's entries, in order, as the audit reads them
(a caller that also needs the entries, e.g. to replay them, does not fetch them twice)."""


def open_published_checkpoint(
    fetch: Fetch, verifier: Verifier, origin: str | None = None
) -> Checkpoint:
    """Fetch and verify the log's current checkpoint."""
    try:
        note = fetch("checkpoint")
    except NotFoundError as exc:
        raise VerificationError(f"no checkpoint: {exc}") from None
    try:
        return open_checkpoint(note, verifier, origin)
    except NoteError as exc:
        raise VerificationError(f"checkpoint does not verify: {exc}") from None


def audit_log(
    fetch: Fetch,
    verifier: Verifier,
    *,
    origin: str | None = None,
    since: str | bytes | None = None,
    progress: Progress | None = None,
    jobs: int = 8,
    on_entries: OnEntries | None = None,
) -> AuditResult:
    """Verify everything published under `fetch`; raise VerificationError if anything disagrees.

    `origin` defaults to the verifier key's name. `since` is an older signed
    checkpoint (note text) that must be consistent with the current one.
    `jobs` is the number of parallel fetches. FetchError (other than a missing
    file) propagates: it means the log could not be read, not that it is wrong.
    """
    origin = verifier.name if origin is None else origin
    cp = open_published_checkpoint(fetch, verifier, origin)
    old = _open_since(since, verifier, origin) if since is not None else None
    try:
        reader = TileHashReader(lambda lv, i, w: fetch_tile(fetch, lv, i, w), cp.size)
        tiles_root = reader.root()
        if tiles_root != cp.root:
            raise VerificationError(
                f"root from the hash tiles {tiles_root.hex()} != checkpoint root {cp.root.hex()}"
            )
        tiles = _check_entries_and_tiles(fetch, cp, progress, max(1, jobs), on_entries)
        if old is not None:
            _check_consistency(reader, old, cp)
    except NotFoundError as exc:
        raise VerificationError(f"missing file: {exc}") from None
    except TileError as exc:
        raise VerificationError(f"malformed file: {exc}") from None
    return AuditResult(cp, cp.size, tiles, old)


def _open_since(since: str | bytes, verifier: Verifier, origin: str) -> Checkpoint:
    try:
        return open_checkpoint(since, verifier, origin)
    except NoteError as exc:
        raise VerificationError(f"older checkpoint does not verify: {exc}") from None


def _check_consistency(reader: TileHashReader, old: Checkpoint, new: Checkpoint) -> None:
    if old.size > new.size:
        raise VerificationError(
            f"older checkpoint has size {old.size}, larger than the current {new.size}"
        )
    proof = reader.consistency_proof(old.size, new.size)
    try:
        verify_consistency(old.size, new.size, old.root, new.root, proof)
    except ProofError as exc:
        raise VerificationError(
            f"checkpoint of size {new.size} is not consistent with the older one of size "
            f"{old.size}: {exc}"
        ) from None


def _prefetched(
    fetch: Fetch, size: int, jobs: int
) -> Iterator[tuple[int, int, list[bytes], bytes]]:
    """(index, width, entries, level-0 tile) for every bundle, in order, fetched ahead."""

    def get(n: int) -> tuple[int, int, list[bytes], bytes]:
        width = tile_width(0, n, size)
        return n, width, fetch_bundle(fetch, n, width), fetch_tile(fetch, 0, n, width)

    bundles = -(-size // TILE_WIDTH)
    if jobs == 1:
        yield from map(get, range(bundles))
        return
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="tlog-audit") as pool:
        window: deque[Future[tuple[int, int, list[bytes], bytes]]] = deque()
        try:
            for n in range(bundles):
                window.append(pool.submit(get, n))
                if len(window) >= 4 * jobs:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()


def _check_entries_and_tiles(
    fetch: Fetch,
    cp: Checkpoint,
    progress: Progress | None,
    jobs: int,
    on_entries: OnEntries | None = None,
) -> int:
    """Recompute every tile and the root from the entries; return the tiles checked."""
    size = cp.size
    builder = TileBuilder()
    checked = 0

    def compare(tile: Tile) -> None:
        nonlocal checked
        published = fetch_tile(fetch, tile.level, tile.index, len(tile.hashes))
        if published != b"".join(tile.hashes):
            path = tile_path(tile.level, tile.index, len(tile.hashes))
            raise VerificationError(f"{path} disagrees with the hashes of the entries")
        checked += 1

    for n, width, entries, tile in _prefetched(fetch, size, jobs):
        hashes = leaf_hashes(entries)
        if tile != b"".join(hashes):
            raise VerificationError(
                f"{tile_path(0, n, width)} disagrees with the hashes of the entries"
            )
        checked += 1
        for touched in builder.append(hashes):
            if touched.level > 0 and touched.full:  # level 0: just compared with the entries
                compare(touched)
        if on_entries is not None:
            on_entries(n * TILE_WIDTH, entries)
        if progress is not None:
            progress(n * TILE_WIDTH + width, size)

    for partial in builder.partial_tiles():
        if partial.level > 0:
            compare(partial)
    root = builder.root()
    if root != cp.root:
        raise VerificationError(
            f"root from the entries {root.hex()} != checkpoint root {cp.root.hex()}"
        )
    return checked
