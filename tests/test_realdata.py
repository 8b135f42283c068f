"""The real data in tests/data/: what the archive unpacks to, once, whoever asks first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests import realdata

ROOT = Path(__file__).resolve().parents[1]
UNPACK = "from tests.realdata import PARISCALL; print(PARISCALL)"


def test_the_snapshots_are_the_two_published_folders():
    names = {
        day: sorted(p.name for p in realdata.snapshot_folder(day).iterdir())
        for day in realdata.SNAPSHOTS
    }
    assert (len(names["2019-12-31"]), len(names["2020-12-31"])) == (1073, 1171)
    assert len(set(names["2020-12-31"]) - set(names["2019-12-31"])) == 99
    assert len(set(names["2019-12-31"]) - set(names["2020-12-31"])) == 1
    assert any(name.endswith(".md.") for name in names["2020-12-31"])  # kept as published
    folder = realdata.snapshot_folder("2019-12-31")
    assert all(not (p.stat().st_mode & 0o222) for p in [folder, *folder.iterdir()])


def test_processes_starting_together_unpack_one_complete_folder(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", UNPACK], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    folders = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert all(run.returncode == 0 for run in runs)
    (folder,) = folders
    assert Path(folder).parent == tmp_path
    assert [p.name for p in tmp_path.iterdir()] == [Path(folder).name]  # no half-made leftovers
    assert sum(1 for p in Path(folder).rglob("*.md*")) == 1073 + 1171


def test_the_history_keeps_the_first_commits(tmp_path):
    clone = tmp_path / "history"
    subprocess.run(
        ["git", "clone", "--quiet", "--bare", str(realdata.HISTORY), str(clone)], check=True
    )
    log = subprocess.run(
        ["git", "-C", str(clone), "log", "--first-parent", "--reverse", "--format=%cI %s", "until-2020", "--", "_supporters"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert len(log) == 167
    assert log[0] == "2019-09-16T13:35:50+02:00 Add supporters"
    assert sum(line.startswith(("2019-09", "2019-10")) for line in log) >= 5
    tree = subprocess.run(
        ["git", "-C", str(clone), "ls-tree", "--name-only", "until-2020"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tree == ["_supporters"]
