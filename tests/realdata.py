"""The real data the tests read, all kept under tests/data/ (its README says where each file
comes from and how it was made): nothing outside the repository is read.

The two Paris Call snapshots (2,244 small files) are kept as one archive and unpacked on first
use into a folder of the system's temporary directory named after the archive's SHA-256: every
process of a test run (pytest, the servers it starts, the benchmarks) reads the same folder, a
later run reuses it, and a changed archive gets a folder of its own. The files are unpacked
read-only, into a fresh folder renamed into place only once complete, so a run never sees half
an archive or another test's edits.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PARISCALL_DATA = DATA / "pariscall"
SNAPSHOTS = ("2019-12-31", "2020-12-31")
SNAPSHOTS_ARCHIVE = PARISCALL_DATA / "snapshots.tar.xz"
CLAIMS_2018 = PARISCALL_DATA / "claims-2018.json"
# The site's git history, branch until-2020, trimmed to the history of `_supporters/`.
HISTORY = PARISCALL_DATA / "history-until-2020-supporters.bundle"
VECTORS = DATA / "vectors"


def _set_modes(folder: Path, files: int, folders: int) -> None:
    for path in folder.rglob("*"):
        path.chmod(folders if path.is_dir() else files)


def unpacked_snapshots() -> Path:
    """The folder holding `<day>/_supporters/` for each of SNAPSHOTS, unpacked once."""
    digest = hashlib.sha256(SNAPSHOTS_ARCHIVE.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"pactlog-pariscall-{digest}"
    if target.is_dir():
        return target
    fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=target.parent))
    with tarfile.open(SNAPSHOTS_ARCHIVE) as archive:
        archive.extractall(fresh, filter="data")
    _set_modes(fresh, 0o444, 0o555)
    try:
        os.rename(fresh, target)
    except OSError:  # another process unpacked it first: use theirs
        _set_modes(fresh, 0o644, 0o755)
        shutil.rmtree(fresh)
    return target


def snapshot_folder(day: str) -> Path:
    """The `_supporters/` folder of the site as it stood on `day` (one of SNAPSHOTS)."""
    return PARISCALL / day / "_supporters"


PARISCALL = unpacked_snapshots()
