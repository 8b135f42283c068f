"""Every module of pactlog that keeps process-wide state registers a way to forget it with
`pactlog.memos` (the test fixture then resets it between tests, see docs/testing.md)."""

from __future__ import annotations

import re
from pathlib import Path

PACTLOG = Path(__file__).resolve().parents[1] / "pactlog"
# A `global` rebinding, or a module-level empty dict / OrderedDict / list that is filled later.
STATE = re.compile(
    r"^\s+global \w+|^_?\w+(: [^=\n]+)? = (\{\}|OrderedDict\(\)|dict\(\)|\[\])$", re.M
)
NOT_MEMOS = {"memos.py"}  # the registry itself


def test_modules_with_process_state_register_it():
    holders = [
        path.relative_to(PACTLOG).as_posix()
        for path in sorted(PACTLOG.rglob("*.py"))
        if "tests" not in path.parts
        and path.name not in NOT_MEMOS
        and STATE.search(path.read_text())
    ]
    assert len(holders) >= 4  # the timeline, the claims steps, the open log, the published mark
    unregistered = [
        name for name in holders if "memos.register" not in (PACTLOG / name).read_text()
    ]
    assert unregistered == []
