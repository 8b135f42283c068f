"""Where the test vectors live: tests/data/vectors/ in the repository (its README says where
they come from). The transparency-dev/merkle cases are read straight from their archive,
`merkle.tar.xz`, without unpacking it."""

from __future__ import annotations

import json
import tarfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "data" / "vectors"
MERKLE_ARCHIVE = VECTORS / "merkle.tar.xz"

TESSERA_LOG = VECTORS / "tessera-log"
TESSERA_ORIGIN = "example.com/log/testdata"
TESSERA_VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx"
TESSERA_ENTRIES = [
    s.encode()
    for s in "one two three four five six seven eit nain ten ileven twelf threeten fourten "
    "fivten".split()
]


@cache
def _archived_json() -> dict[str, Any]:
    """Every JSON file of the archive, parsed, by its path in the archive."""
    with tarfile.open(MERKLE_ARCHIVE) as archive:
        return {
            member.name: json.load(archive.extractfile(member))  # type: ignore[arg-type]
            for member in archive.getmembers()
            if member.isfile() and member.name.endswith(".json")
        }


def json_cases(subdir: str) -> list[Any]:
    """pytest params for every JSON file under `subdir` (e.g. "merkle/inclusion"), id'ed by
    its path relative to it."""
    prefix = subdir.rstrip("/") + "/"
    cases = sorted(
        (name, case) for name, case in _archived_json().items() if name.startswith(prefix)
    )
    if not cases:
        raise FileNotFoundError(f"no test vectors under {subdir!r} in {MERKLE_ARCHIVE}")
    return [pytest.param(case, id=name.removeprefix(prefix)) for name, case in cases]
