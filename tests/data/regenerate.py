"""Rebuild tests/data/ from the published originals, and check the trimmed history against
the full one (README.md in this folder says what each file is).

    .venv/bin/python tests/data/regenerate.py ORIGINALS

ORIGINALS holds `data/pariscall/` (the two snapshot folders, `claims-2018.json`, the full
`history-until-2020.bundle`) and `test-vectors/` (`merkle/`, `tessera-log/`,
`signed-note.json`). Archives are written byte for byte the same on every run (sorted names,
no dates, no owners) and a bundle of the same commits is left as it is, so a rerun over the
same originals changes nothing in git.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SNAPSHOTS = ("2019-12-31", "2020-12-31")
FOLDER = "_supporters"
BRANCH = "until-2020"
# The originals' README asks for this copy; the copy's README need not say so.
COPY_NOTE = (
    " Copy what the tests need into the project's `tests/data/` with\n"
    "its licence file (Apache-2.0 permits it), so the suite runs on a clone with nothing beside it."
)


def _normalised(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o755 if info.isdir() else 0o644
    return info


def write_archive(target: Path, base: Path, paths: list[Path]) -> None:
    """A .tar.xz of `paths` (named relative to `base`) that is the same bytes every time."""
    with tarfile.open(target, "w:xz", preset=9 | lzma.PRESET_EXTREME) as tar:
        for path in sorted(paths):
            tar.add(path, arcname=path.relative_to(base).as_posix(), recursive=False,
                    filter=_normalised)  # fmt: skip


def every_path(folder: Path) -> list[Path]:
    return [folder, *folder.rglob("*")]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True)  # fmt: skip
    return done.stdout


def trim_history(full_bundle: Path, target: Path) -> None:
    """Only `_supporters/`'s history: every commit rewritten to hold that folder alone, the
    commits that then change nothing dropped; dates, messages, merges and renames kept."""
    with tempfile.TemporaryDirectory(prefix="pactlog-trim-") as tmp:
        work = Path(tmp) / "work"
        subprocess.run(["git", "clone", "--quiet", "-b", BRANCH, str(full_bundle), str(work)],
                       check=True)  # fmt: skip
        keep_folder = (
            "git read-tree --empty; "
            f'if git cat-file -e "$GIT_COMMIT:{FOLDER}" 2>/dev/null; then '
            f'git read-tree --prefix={FOLDER}/ "$GIT_COMMIT:{FOLDER}"; fi'
        )
        subprocess.run(
            ["git", "-C", str(work), "filter-branch", "--force", "--index-filter", keep_folder,
             "--prune-empty", "--", BRANCH],
            check=True, capture_output=True, env={**os.environ, "FILTER_BRANCH_SQUELCH_WARNING": "1"},
        )  # fmt: skip
        bare = Path(tmp) / "trimmed.git"
        subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
        git(bare, "fetch", "--quiet", str(work), f"{BRANCH}:refs/heads/{BRANCH}")
        git(bare, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
        git(bare, "-c", "pack.threads=1", "gc", "--quiet", "--aggressive", "--prune=now")
        git(bare, "bundle", "create", "--quiet", str(target), BRANCH)


# Run in a process of its own per bundle: a fresh database, the real `import-git` command.
DUMP = """
import datetime as dt, json, django
django.setup()
from pactlog.registry.dates import in_force_q
from pactlog.registry.models import Endorsement
rows = Endorsement.objects.filter(agreement__slug="paris-call")
days = [dt.date(2019, 12, 31), dt.date(2020, 12, 31)]
print(json.dumps({
    "counts": {str(d): [rows.filter(in_force_q(d)).count(),
                        rows.filter(in_force_q(d), actor__kind="state").count()] for d in days},
    "endorsements": sorted(list(map(str, row)) for row in rows.values_list(
        "actor__source_keys__key", "status", "start_not_before", "start_not_after",
        "end_not_before", "end_not_after")),
}))
"""


def imported(bundle: Path) -> dict[str, object]:
    """What `pactlog import-git` makes of a bundle: counts on the two days, every interval."""
    with tempfile.TemporaryDirectory(prefix="pactlog-check-") as tmp:
        env = {**os.environ, "PACTLOG_DATA_DIR": tmp, "SECRET_KEY": "regenerate",
               "DATABASE_URL": f"sqlite:///{tmp}/check.sqlite3",
               "DJANGO_SETTINGS_MODULE": "pactlog.settings"}  # fmt: skip
        run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True, "text": True}
        pactlog = [sys.executable, "-m", "pactlog"]
        subprocess.run([*pactlog, "migrate", "--noinput"], **run)  # type: ignore[call-overload]
        subprocess.run(  # type: ignore[call-overload]
            [*pactlog, "import-git", str(bundle), "--path", FOLDER, "--agreement", "paris-call"],
            **run,
        )
        out = subprocess.run([sys.executable, "-c", DUMP], **run)  # type: ignore[call-overload]
        return dict(json.loads(out.stdout))


def heads(bundle: Path) -> str:
    return git(HERE, "bundle", "list-heads", str(bundle))


def first_commits(bundle: Path, count: int = 5) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="pactlog-log-") as tmp:
        subprocess.run(["git", "clone", "--quiet", "--bare", str(bundle), f"{tmp}/r"], check=True)
        out = git(Path(tmp) / "r", "log", "--first-parent", "--reverse", "--format=%cI %s",
                  BRANCH, "--", FOLDER)  # fmt: skip
        return out.splitlines()[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("originals", type=Path, help="the folder holding data/ and test-vectors/")
    parser.add_argument("--skip-check", action="store_true",
                        help="do not import both bundles to compare them (minutes)")  # fmt: skip
    args = parser.parse_args()
    pariscall = args.originals / "data" / "pariscall"
    vectors = args.originals / "test-vectors"

    (HERE / "pariscall").mkdir(exist_ok=True)
    write_archive(
        HERE / "pariscall" / "snapshots.tar.xz",
        pariscall,
        [path for day in SNAPSHOTS for path in every_path(pariscall / day / FOLDER)],
    )
    shutil.copyfile(pariscall / "claims-2018.json", HERE / "pariscall" / "claims-2018.json")
    full = pariscall / "history-until-2020.bundle"
    trimmed = HERE / "pariscall" / "history-until-2020-supporters.bundle"
    fresh = trimmed.with_suffix(".new")
    fresh.unlink(missing_ok=True)
    trim_history(full, fresh)
    if trimmed.is_file() and heads(trimmed) == heads(fresh):
        fresh.unlink()  # the same commits: keep the file as it is (its pack may differ in bytes)
    else:
        fresh.replace(trimmed)

    target = HERE / "vectors"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    write_archive(target / "merkle.tar.xz", vectors, every_path(vectors / "merkle"))
    # Plain copies (no modes: the originals may be read-only), byte for byte.
    shutil.copytree(vectors / "tessera-log", target / "tessera-log", copy_function=shutil.copyfile)
    shutil.copyfile(vectors / "signed-note.json", target / "signed-note.json")
    readme = (vectors / "README.md").read_text()
    (target / "README.md").write_text(readme.replace(COPY_NOTE, ""))
    shutil.copyfile(vectors / "merkle" / "LICENSE", target / "LICENSE")

    if args.skip_check:
        return
    if first_commits(full) != first_commits(trimmed):
        sys.exit("the trimmed history does not start with the full history's first commits")
    if imported(full) != imported(trimmed):
        sys.exit("import-git reads the trimmed history differently from the full one")
    print("import-git reads the trimmed history exactly as the full one")


if __name__ == "__main__":
    main()
