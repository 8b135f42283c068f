"""Start-up of the `pactlog` command: `pactlog counts --json` on a small database.

    .venv/bin/python bench/startup_bench.py [--runs 15] [--top 12]

Creates a throw-away SQLite database with the demo agreement (`pactlog demo-setup`), then runs
`pactlog counts --agreement example-call --json` `--runs` times in new processes, beside the bare
interpreter (`python -c pass`) and `python -c "import django; django.setup()"` with the same
settings, and prints the median and best wall times. Then it runs the command once under
`python -X importtime` and lists the slowest top-level imports (where the rest goes).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 0.3


def timed(command: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user + system) of `runs` runs. The CPU time is the steadier
    figure when other work shares the machine."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def slowest_imports(command: list[str], env: dict[str, str], top: int) -> list[tuple[int, str]]:
    """Top-level imports (those the program itself asked for) by cumulative microseconds."""
    err = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    found = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.split("|")
        if name.startswith(" ") and not name.startswith("  "):
            found.append((int(cumulative), name.strip()))
    return sorted(found, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=12, help="slowest imports to list")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-startup-"))
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(
            PACTLOG_DATA_DIR=str(tmp),
            SECRET_KEY="startup-bench",
            DJANGO_SETTINGS_MODULE="pactlog.settings",
        )
        pactlog = [sys.executable, "-m", "pactlog"]
        run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True}
        subprocess.run([*pactlog, "migrate", "--noinput"], **run)  # type: ignore[call-overload]
        subprocess.run([*pactlog, "demo-setup", "--url", "http://127.0.0.1/"], **run)  # type: ignore[call-overload]
        counts = [*pactlog, "counts", "--agreement", "example-call", "--json"]
        rows = [
            ("python -c pass", timed([sys.executable, "-c", "pass"], env, args.runs)),
            (
                "django.setup() with pactlog's settings",
                timed([sys.executable, "-c", "import django; django.setup()"], env, args.runs),
            ),
            ("pactlog counts --json", timed(counts, env, args.runs)),
        ]
        print(f"\n{args.runs} runs each, new process every time\n")
        print("| command | wall, median | wall, best | CPU, median |")
        print("|---|---:|---:|---:|")
        for name, (walls, cpus) in rows:
            print(
                f"| {name} | {statistics.median(walls):.3f} s | {min(walls):.3f} s "
                f"| {statistics.median(cpus):.3f} s |"
            )
        median = statistics.median(rows[-1][1][0])
        print(f"\ntarget < {TARGET_S} s (wall, median): {'met' if median < TARGET_S else 'missed'}")
        print("\nslowest top-level imports of `pactlog counts --json` (cumulative):")
        for micros, name in slowest_imports(counts, env, args.top):
            print(f"  {micros / 1000:7.1f} ms  {name}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
