"""Where the shared test vectors live, and how tests skip when they are absent.

They are read in place from ../shared/test-vectors/ next to the repository,
never copied into the project.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
VECTORS = (REPO / ".." / "shared" / "test-vectors").resolve()
MISSING = f"shared test vectors not found at {VECTORS}"

TESSERA_LOG = VECTORS / "tessera-log"
TESSERA_ORIGIN = "example.com/log/testdata"
TESSERA_VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx"
TESSERA_ENTRIES = [
    s.encode()
    for s in "one two three four five six seven eit nain ten ileven twelf threeten fourten "
    "fivten".split()
]

needs_vectors = pytest.mark.skipif(not VECTORS.is_dir(), reason=MISSING)


def json_cases(subdir: str) -> list[Any]:
    """pytest params for every JSON file under VECTORS/subdir, id'ed by relative path."""
    base = VECTORS / subdir
    if not base.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING), id="missing")]
    files = sorted(base.rglob("*.json"))
    return [pytest.param(json.loads(f.read_text()), id=str(f.relative_to(base))) for f in files]
