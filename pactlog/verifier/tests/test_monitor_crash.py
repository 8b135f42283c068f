"""A monitor killed (SIGKILL) in the middle of a run repeats the work on the next run and never
skips a change: every change is delivered, and only the one in flight at the kill can arrive
twice, with the same webhook-id so the receiver can drop it (Standard Webhooks' advice)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from pactlog.verifier.monitorstate import StateDir
from pactlog.verifier.tests.helpers import SECRET, VKEY, Receiver, base_registry, write_log

ROOT = Path(__file__).resolve().parents[3]


def run(tmp_path: Path, log: Path, url: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pactlog.verifier", "monitor", "http://registry.test",
               "--key", VKEY, "--state", str(tmp_path / "state"), "--log", str(log),
               "--watch", "any", "--webhook", url, "--webhook-secret", SECRET, "-q"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_kill_during_a_run_then_rerun_notifies_each_change(tmp_path):
    reg = base_registry()
    log = tmp_path / "log"
    write_log(log, reg.entries())
    receiver = Receiver(delay=0.2)
    try:
        assert run(tmp_path, log, receiver.url).wait(60) == 0
        for i in range(12):
            reg.org(f"org-{i}", f"Organisation {i}").endorse(f"org-{i}", "2027-03-03")
        write_log(log, reg.entries())
        process = run(tmp_path, log, receiver.url)
        deadline = time.monotonic() + 60
        while len(receiver.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        first = len(receiver.requests)
        assert 4 <= first < 12, first  # killed mid-run
        assert StateDir(tmp_path / "state").load().size == 9  # type: ignore[union-attr]

        receiver.delay = 0.0
        rerun = run(tmp_path, log, receiver.url)
        assert rerun.wait(60) == 0, rerun.stderr.read() if rerun.stderr else ""
        ids = Counter(h["webhook-id"] for h, _, _ in receiver.requests)
        indexes = sorted({json.loads(b)["data"]["index"] for _, b, _ in receiver.requests})
        assert indexes == list(range(10, 33, 2))  # each endorsement, none skipped
        assert len(ids) == 12
        assert sum(n - 1 for n in ids.values()) <= 1  # at most the one in flight, same id
        assert all(ok for _, _, ok in receiver.requests)
        assert StateDir(tmp_path / "state").load().size == 33  # type: ignore[union-attr]

        assert run(tmp_path, log, receiver.url).wait(60) == 0
        assert sum(ids.values()) == len(receiver.requests)  # a third run sends nothing
    finally:
        receiver.close()
