"""Start-up of the `pactlog` command: `pactlog counts --json` on a small database.

    .venv/bin/python bench/startup_bench.py [--runs 31] [--top 12] [--instructions]

Creates a throw-away SQLite database with the demo agreement (`pactlog demo-setup`), then runs,
`--runs` times each in new processes and taking turns (so that a slow moment of the machine
falls on every row alike):

- the bare interpreter (`python -c pass`);
- Django alone: `django.setup()` with no app and one SQLite query, the floor of any Django
  command on this machine;
- `django.setup()` with pactlog's settings (every app, as the web server starts);
- `pactlog counts --agreement example-call --json --settings pactlog.settings` (every app);
- `pactlog counts --agreement example-call --json` (the question's own start, querysettings).

It prints the median and best wall times and the median CPU time. `--instructions` also counts
each row's machine instructions once under valgrind's callgrind (when valgrind is installed):
a figure that does not move with the machine's load, for comparing rows. Then it runs the
command once under `python -X importtime` and lists the slowest top-level imports.
"""

from __future__ import annotations

import argparse
import os
import re
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
DJANGO_ALONE = """
import django
from django.conf import settings
settings.configure(DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                                          "NAME": %r}})
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
"""


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run. The CPU time is the steadier figure
    when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def timed_in_turn(
    commands: list[list[str]], env: dict[str, str], runs: int
) -> list[tuple[list[float], list[float]]]:
    """`runs` rounds, each running every command once: walls and CPU times per command."""
    results: list[tuple[list[float], list[float]]] = [([], []) for _ in commands]
    for _ in range(runs):
        for command, (walls, cpus) in zip(commands, results, strict=True):
            wall, cpu = run_once(command, env)
            walls.append(wall)
            cpus.append(cpu)
    return results


def stderr_of(command: list[str], env: dict[str, str]) -> str:
    return subprocess.run(
        command, env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stderr


def instructions(command: list[str], env: dict[str, str]) -> int | None:
    """Machine instructions of one run, counted by callgrind; None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    callgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    found = re.search(r"Collected : (\d+)", stderr_of([*callgrind, *command], env))
    return int(found.group(1)) if found else None


def slowest_imports(command: list[str], env: dict[str, str], top: int) -> list[tuple[int, str]]:
    """Top-level imports (those the program itself asked for) by cumulative microseconds."""
    err = stderr_of([command[0], "-X", "importtime", *command[1:]], env)
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
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (valgrind)"
    )
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
            ("python -c pass", [sys.executable, "-c", "pass"]),
            (
                "Django alone (no app, one SQLite query)",
                [sys.executable, "-c", DJANGO_ALONE % str(tmp / "alone.sqlite3")],
            ),
            (
                "django.setup() with pactlog's settings",
                [sys.executable, "-c", "import django; django.setup()"],
            ),
            ("pactlog counts --json, every app", [*counts, "--settings", "pactlog.settings"]),
            ("pactlog counts --json", counts),
        ]
        results = timed_in_turn([command for _, command in rows], env, args.runs)
        print(f"\n{args.runs} runs each, new process every time, rows taking turns\n")
        counted = [instructions(c, env) if args.instructions else None for _, c in rows]
        extra = " instructions |" if any(counted) else ""
        print(f"| command | wall, median | wall, best | CPU, median |{extra}")
        print("|---|---:|---:|---:|" + ("---:|" if extra else ""))
        for (name, _), (walls, cpus), count in zip(rows, results, counted, strict=True):
            line = (
                f"| {name} | {statistics.median(walls):.3f} s | {min(walls):.3f} s "
                f"| {statistics.median(cpus):.3f} s |"
            )
            print(line + (f" {count / 1e6:,.0f} M |" if count else (" |" if extra else "")))
        median = statistics.median(results[-1][0])
        alone = statistics.median(results[1][0])
        print(f"\ntarget < {TARGET_S} s (wall, median): {'met' if median < TARGET_S else 'missed'}")
        print(f"pactlog counts --json / Django alone (wall, median): {median / alone:.2f}x")
        if counted[-1] and counted[1]:
            print(
                f"pactlog counts --json / Django alone (instructions): "
                f"{counted[-1] / counted[1]:.2f}x"
            )
        print("\nslowest top-level imports of `pactlog counts --json` (cumulative):")
        for micros, name in slowest_imports(counts, env, args.top):
            print(f"  {micros / 1000:7.1f} ms  {name}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
