"""History import speed: `pactlog import-git` on the Paris Call bundle (167 first-parent
commits touching `_supporters/`) against the same commits imported as whole folders.

Both run on fresh SQLite databases. import-git is timed as a command (process start and the
bundle's clone included). The baseline writes each commit's folder to disk (not timed) and
times `import_jekyll` on it, one whole-folder import per commit, as one would without
import-git. Both must end with the same counts.

    .venv/bin/python bench/history_bench.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.realdata import HISTORY as BUNDLE  # noqa: E402  (the history of _supporters/)

DAYS = ("2019-12-31", "2020-12-31")
CPU = [0.0]


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pactlog(data_dir: Path, *args: str) -> tuple[float, str]:
    """Runs a command; returns (wall seconds, stdout), and leaves its CPU seconds in CPU[0]
    (git's own processes included)."""
    env = {**os.environ, "PACTLOG_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    started, cpu = time.perf_counter(), cpu_of_children()
    done = subprocess.run(
        [sys.executable, "-m", "pactlog", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    CPU[0] = cpu_of_children() - cpu
    return time.perf_counter() - started, done.stdout


def counts(data_dir: Path) -> list[int]:
    found = []
    for day in DAYS:
        _, out = pactlog(data_dir, "counts", "--agreement", "paris-call", "--as-of", day, "--json")
        found.append(json.loads(out)["total"])
    return found


def whole_folders() -> None:
    """Child process: one whole-folder import per commit; prints the seconds spent importing."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactlog.settings")
    django.setup()
    from pactlog.importing.gitrepo import Blobs, commits, open_repository, resolve
    from pactlog.importing.run import import_jekyll

    spent = cpu = 0.0
    latest: dt.date | None = None
    with (
        open_repository(BUNDLE) as repo,
        Blobs(repo) as blobs,
        tempfile.TemporaryDirectory() as tmp,
    ):
        folder = Path(tmp) / "_supporters"
        folder.mkdir()
        history = commits(repo, resolve(repo, None), "_supporters")
        for commit in history:
            for change in commit.changes:
                name = change.path.removeprefix("_supporters/")
                if change.old_path is not None and change.status == "R":
                    (folder / change.old_path.removeprefix("_supporters/")).unlink(missing_ok=True)
                if change.status == "D":
                    (folder / name).unlink(missing_ok=True)
                elif "/" not in name:
                    data = blobs.read(change.blob, 10_000_000)
                    (folder / name).write_bytes(data if isinstance(data, bytes) else b"")
            day = max(commit.day, latest) if latest else commit.day
            latest = day
            started, used = time.perf_counter(), time.process_time()
            import_jekyll(folder, "paris-call", day)
            spent += time.perf_counter() - started
            cpu += time.process_time() - used
    print(json.dumps({"commits": len(history), "seconds": spent, "cpu": cpu}))


def main() -> None:
    if not BUNDLE.is_file():
        sys.exit(f"the bundle is not at {BUNDLE}")
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        git_dir, folders_dir = Path(a), Path(b)
        pactlog(git_dir, "migrate", "-v0")
        pactlog(folders_dir, "migrate", "-v0")
        git_seconds, out = pactlog(
            git_dir, "import-git", str(BUNDLE), "--path", "_supporters",
            "--agreement", "paris-call", "--json",
        )  # fmt: skip
        n = len(json.loads(out)["commits"])
        git_cpu = CPU[0]
        rerun_seconds, _ = pactlog(
            git_dir, "import-git", str(BUNDLE), "--path", "_supporters", "--agreement", "paris-call"
        )
        env = {**os.environ, "PACTLOG_DATA_DIR": str(folders_dir)}
        env.pop("DATABASE_URL", None)
        child = subprocess.run(
            [sys.executable, __file__, "--whole-folders"],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        baseline = json.loads(child.stdout.strip().splitlines()[-1])
        same = counts(git_dir) == counts(folders_dir)
    print(
        f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores shared: CPU time is steadier)"
    )
    print(
        f"import-git, {n} commits, one process, clone included: {git_seconds:6.1f} s wall, {git_cpu:6.1f} s CPU"
    )
    print(f"import-git rerun with nothing new:                   {rerun_seconds:6.1f} s wall")
    print(
        f"{baseline['commits']} whole-folder imports (import calls only):      "
        f"{baseline['seconds']:6.1f} s wall, {baseline['cpu']:6.1f} s CPU"
    )
    print(
        f"ratio whole folders / import-git: {baseline['seconds'] / git_seconds:.1f}x wall, "
        f"{baseline['cpu'] / git_cpu:.1f}x CPU"
    )
    print(f"same counts at {', '.join(DAYS)}: {same}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--whole-folders"]:
        whole_folders()
    else:
        main()
