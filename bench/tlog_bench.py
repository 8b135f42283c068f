"""Benchmark of pactlog.tlog: appending, proofs from tiles, durable FileLog batches.

    .venv/bin/python bench/tlog_bench.py            # full run (a few minutes, ~3 GB RAM)
    .venv/bin/python bench/tlog_bench.py --quick    # smaller sizes, well under a minute

1. MemoryLog.append_many of N entries of 200 bytes (N = 1,000,000), against the
   time of the 2N - 1 hashlib.sha256(m).digest() calls any RFC 6962 log must
   make for them (N leaves of 0x00||entry, N - 1 nodes of 0x01||left||right),
   timed over the same messages prepared in advance. Target: ratio <= 2.0.
2. A 10,000,000-entry log written as tiles by FileLog, then read back like a
   client: inclusion proofs computed from the tile files alone, and their
   verification (target: under 1 ms each); then a full audit of it.
3. FileLog appends with fsync, one signed checkpoint per batch of 1,000 entries.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from pactlog import tlog
from pactlog.tlog.hashing import parent_level
from pactlog.tlog.tiles import TileCache, TileHashReader, fetch_tile

ORIGIN = "bench.pactlog.example/log"


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Best wall time of `repeat` runs, with the garbage collector settled first."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_append(n: int, repeat: int) -> None:
    print(f"\n## MemoryLog.append_many: {n:,} entries of 200 bytes")
    rng = random.Random(1)
    entries = [rng.randbytes(200) for _ in range(n)]

    # The messages an RFC 6962 log has to hash for these entries, prepared in advance.
    leaf_inputs = [b"\x00" + e for e in entries]
    levels = [tlog.leaf_hashes(entries)]  # every level of complete subtrees
    while len(levels[-1]) > 1:
        levels.append(parent_level(levels[-1]))
    node_inputs: list[bytes] = []
    for below in levels[:-1]:  # the n - popcount(n) complete subtrees
        node_inputs.extend(b"\x01" + below[i] + below[i + 1] for i in range(0, len(below) - 1, 2))
    # ...and the popcount(n) - 1 nodes joining them along the right edge into the root.
    edge = [levels[k][(n >> k) - 1] for k in range(len(levels)) if n >> k & 1]
    right = edge[0]
    for left in edge[1:]:
        node_inputs.append(b"\x01" + left + right)
        right = tlog.node_hash(left, right)
    assert right == tlog.root_from_leaf_hashes(levels[0])
    messages = leaf_inputs + node_inputs
    del levels, leaf_inputs, node_inputs
    calls = len(messages)
    assert calls == 2 * n - 1, calls  # n leaves and n - 1 interior nodes

    sha256 = hashlib.sha256
    digest = type(sha256(b"")).digest

    def baseline() -> None:
        for m in messages:
            sha256(m).digest()

    def baseline_map() -> None:
        deque(map(digest, map(sha256, messages)), maxlen=0)

    def append_once() -> None:
        log = tlog.MemoryLog(ORIGIN)
        log.append_many(entries)
        log.root()

    def append_batches() -> None:
        log = tlog.MemoryLog(ORIGIN)
        for start in range(0, n, 1000):
            log.append_many(entries[start : start + 1000])
        log.root()

    t_base = best_of(repeat, baseline)
    t_map = best_of(repeat, baseline_map)
    t_once = best_of(repeat, append_once)
    t_batches = best_of(repeat, append_batches)
    print(f"  {calls:,} bare sha256(m).digest() calls  : {t_base:7.3f} s  (a Python for loop)")
    print(f"  the same calls driven by map() in C     : {t_map:7.3f} s  (no Python per call)")
    print(
        f"  append_many, one batch + root           : {t_once:7.3f} s  ratio {t_once / t_base:.2f}"
    )
    print(
        f"  append_many, batches of 1,000 + root    : {t_batches:7.3f} s  "
        f"ratio {t_batches / t_base:.2f}"
    )
    print(f"  ratio against the map() driven calls    : {t_once / t_map:.2f}")
    print(f"  throughput (one batch)                  : {n / t_once:,.0f} entries/s")


def build_tiled_log(path: Path, n: int) -> tlog.FileLog:
    """A FileLog of n small entries, appended in batches of 1,000,000 without fsync."""
    signer = tlog.Signer.generate(ORIGIN)
    log = tlog.FileLog(path, ORIGIN, signer=signer, fsync=False)
    step = 1_000_000
    for start in range(0, n, step):
        stop = min(n, start + step)
        log.append_many(i.to_bytes(8, "big") for i in range(start, stop))
    return log


def bench_proofs(n: int, samples: int, workdir: Path) -> None:
    print(f"\n## Inclusion proofs from tiles: log of {n:,} entries")
    start = time.perf_counter()
    log = build_tiled_log(workdir / "big", n)
    built = time.perf_counter() - start
    files = sum(1 for p in (workdir / "big").rglob("*") if p.is_file())
    print(f"  built with FileLog (no fsync) in {built:.1f} s: {files:,} files")
    root, size = log.root(), log.size
    fetch = tlog.directory_fetcher(workdir / "big")
    rng = random.Random(2)
    indexes = [rng.randrange(size) for _ in range(samples)]
    leaves = {i: tlog.leaf_hash(i.to_bytes(8, "big")) for i in indexes}

    def reader(cache: TileCache) -> TileHashReader:
        return TileHashReader(lambda lv, i, w: fetch_tile(fetch, lv, i, w), size, cache)

    def timed(fn: Callable[[int], list[bytes]]) -> tuple[list[float], list[list[bytes]]]:
        times, proofs = [], []
        for i in indexes:
            t = time.perf_counter()
            proofs.append(fn(i))
            times.append(time.perf_counter() - t)
        return times, proofs

    cold, proofs = timed(lambda i: reader(TileCache()).inclusion_proof(i))
    shared = reader(TileCache())
    warm, _ = timed(lambda i: shared.inclusion_proof(i))
    verify = []
    for i, proof in zip(indexes, proofs, strict=True):
        t = time.perf_counter()
        tlog.verify_inclusion(leaves[i], i, size, proof, root)
        verify.append(time.perf_counter() - t)

    def line(label: str, times: list[float]) -> None:
        ms = sorted(t * 1000 for t in times)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        print(
            f"  {label:<44}: median {statistics.median(ms):.3f} ms, "
            f"mean {statistics.fmean(ms):.3f} ms, p99 {p99:.3f} ms"
        )

    print(f"  {samples:,} random indexes, proofs of {len(proofs[0])} hashes")
    line("proof, cold (every tile read and hashed)", cold)
    line("proof, one client reusing its tile cache", warm)
    line("verify_inclusion", verify)

    assert log.signer is not None
    start = time.perf_counter()
    result = tlog.audit_log(fetch, log.signer.verifier)
    audit = time.perf_counter() - start
    print(
        f"  full audit (what `pactlog tlog verify DIR` does): {audit:.1f} s, "
        f"{result.entries_checked / audit:,.0f} entries/s, {result.tiles_checked:,} tiles"
    )


def bench_filelog(batches: int, workdir: Path) -> None:
    print(f"\n## FileLog.append_many with fsync: {batches} batches of 1,000 entries of 200 bytes")
    signer = tlog.Signer.generate(ORIGIN)
    log = tlog.FileLog(workdir / "durable", ORIGIN, signer=signer)
    rng = random.Random(3)
    data = [rng.randbytes(200) for _ in range(1000 * batches)]
    times = []
    start = time.perf_counter()
    for b in range(batches):
        t = time.perf_counter()
        log.append_many(data[b * 1000 : (b + 1) * 1000])
        times.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    print(
        f"  {log.size:,} entries in {total:.2f} s: {log.size / total:,.0f} entries/s, "
        f"median {statistics.median(times) * 1000:.1f} ms per batch (one checkpoint each)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes for a fast check")
    parser.add_argument("--tmpdir", help="where to write the FileLogs (default: system temp)")
    args = parser.parse_args()
    if args.quick:
        n_append, n_tiles, samples, batches, repeat = 100_000, 1_000_000, 500, 20, 1
    else:
        n_append, n_tiles, samples, batches, repeat = 1_000_000, 10_000_000, 2_000, 200, 3
    print(f"pactlog.tlog benchmark{' (--quick)' if args.quick else ''}")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="tlog-bench-", dir=args.tmpdir))
    try:
        bench_append(n_append, repeat)
        bench_proofs(n_tiles, samples, workdir)
        bench_filelog(batches, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
