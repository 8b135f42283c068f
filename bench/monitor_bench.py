"""Benchmark of the stand-alone verifier: the monitor's cost, and `pactlog-verify` on real data.

    .venv/bin/python bench/monitor_bench.py [--entries 10000] [--base 100000]
    [--skip-real | --skip-monitor]

1. The monitor (in-process, `watch any`, no sink but its state directory) over a log written
   as files: a first run, then a run over `--entries` new entries, a run over a tenth of them,
   and quiet runs (nothing new) on a small log and on a log of `--base` entries. Its cost must
   follow the new entries, not the log's size; a quiet run's target is < 1 s.
2. `pactlog-verify SITE_URL` (log, replay, API at six dates) beside `pactlog-verify log`
   (= `pactlog tlog verify`) of the same log, on both Paris Call snapshots behind gunicorn:
   the best wall time of three runs each, and the CPU a run costs the verifier and the server
   (which is what a loaded machine makes the wall time follow).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pactlog.verifier.changes import parse_watch  # noqa: E402
from pactlog.verifier.monitor import Config, run_once  # noqa: E402
from pactlog.verifier.monitorstate import StateDir  # noqa: E402
from pactlog.verifier.tests.helpers import (  # noqa: E402
    SIGNER,
    Registry,
    base_registry,
    write_log,
)


class _Null:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def grown(count: int) -> Registry:
    reg = base_registry()
    for i in range(count // 2):
        reg.org(f"org-{i}", f"Organisation {i}").endorse(f"org-{i}", "2027-03-03")
    return reg


def timed_run(log: Path, state: Path) -> float:
    from pactlog.tlog.note import Verifier

    cfg = Config(site="http://bench.test", log=str(log), verifier=Verifier(SIGNER.verifier_key),
                 state_dir=StateDir(state), watches=[parse_watch("any")], groups_source="",
                 out=_Null())  # type: ignore[arg-type]  # fmt: skip
    start = time.perf_counter()
    assert run_once(cfg) == 0
    return time.perf_counter() - start


def monitor_runs(tmp: Path, new: int, base: int) -> None:
    entries = grown(base + new).entries()
    small, big = tmp / "small", tmp / "big"
    write_log(small, entries[:1000])
    timed_run(small, tmp / "s-small")
    quiet_small = min(timed_run(small, tmp / "s-small") for _ in range(5))
    write_log(big, entries[:base], batch=50_000)
    first = timed_run(big, tmp / "s-big")
    quiet_big = min(timed_run(big, tmp / "s-big") for _ in range(5))
    write_log(big, entries[: base + new // 10])
    tenth = timed_run(big, tmp / "s-big")
    write_log(big, entries[: base + new // 10 + new])
    full = timed_run(big, tmp / "s-big")
    print(f"monitor: first run over {base:,} entries {first:.2f} s")
    print(f"monitor: {new // 10:,} new entries {tenth:.3f} s; {new:,} new entries {full:.3f} s; "
          f"ratio {full / tenth:.1f}x for {10:.0f}x the entries")  # fmt: skip
    print(f"monitor: quiet run on 1,000 entries {quiet_small * 1000:.1f} ms, on {base:,} entries "
          f"{quiet_big * 1000:.1f} ms (ratio {quiet_big / quiet_small:.2f}x); target < 1 s: "
          f"{'met' if quiet_big < 1 else 'MISSED'}")  # fmt: skip


def server_cpu(master: int) -> float:
    """CPU seconds used so far by the gunicorn master `master` and its workers."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(pid) == master or int(fields[1]) == master:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def real_data(tmp: Path) -> None:
    from tests.browser import helpers

    if not all((helpers.PARISCALL / d / "_supporters").is_dir() for d in helpers.SNAPSHOTS):
        print("real snapshots not found: verify time skipped")
        return
    env = helpers.prepare_database(tmp / "real")
    key = subprocess.run([*helpers.PACTLOG, "log", "key"], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    port = helpers.free_port()
    server = helpers.start_gunicorn(env, port, workers=2)
    verify = [sys.executable, "-m", "pactlog.verifier"]
    try:
        url = f"http://127.0.0.1:{port}/"
        helpers.wait_until_up(url + "log/checkpoint")
        best: dict[str, float] = {}
        cpu: dict[str, list[float]] = {"site": [0.0, 0.0], "log": [0.0, 0.0]}
        for _ in range(3):
            for name, command in (("site", [url]), ("log", ["log", url + "log/"])):
                mine, theirs = client_cpu(), server_cpu(server.pid)
                start = time.perf_counter()
                done = subprocess.run([*verify, *command, "--key", key], cwd=ROOT,
                                      capture_output=True)  # fmt: skip
                took = time.perf_counter() - start
                assert done.returncode == 0, done.stdout + done.stderr
                best[name] = min(best.get(name, took), took)
                cpu[name][0] += (client_cpu() - mine) / 3
                cpu[name][1] += (server_cpu(server.pid) - theirs) / 3
        print(f"real data: pactlog-verify {best['site']:.2f} s, pactlog-verify log (= pactlog "
              f"tlog verify) {best['log']:.2f} s; ratio {best['site'] / best['log']:.1f}x "
              f"(target <= 3x: {'met' if best['site'] <= 3 * best['log'] else 'MISSED'})")  # fmt: skip
        for name, what in (("site", "pactlog-verify"), ("log", "pactlog-verify log")):
            print(f"real data: CPU of a run of {what}: verifier {cpu[name][0]:.2f} s, "
                  f"server {cpu[name][1]:.2f} s")  # fmt: skip
    finally:
        helpers.stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000, help="new entries in a run")
    parser.add_argument("--base", type=int, default=100_000, help="entries already verified")
    parser.add_argument("--skip-real", action="store_true", help="only the monitor runs")
    parser.add_argument("--skip-monitor", action="store_true", help="only the real data")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-monitor-bench-"))
    try:
        if not args.skip_monitor:
            monitor_runs(tmp, args.entries, args.base)
        if not args.skip_real:
            real_data(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
