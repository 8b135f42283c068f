"""Reading a folder's history from a git repository with the `git` command itself.

`git` does the work that must be right (first-parent walk, rename detection, object access);
this module only starts it and splits its NUL-separated output. Two processes per import:
one `git log --raw -z` for the whole walk and one `git cat-file --batch` for the blobs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pactlog.importing.sync import BadArguments, ImportRefused

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"
_COMMIT_MARK = "\x01commit "


class GitError(ImportRefused):
    """git could not do what was asked (the message is git's own, on one line)."""


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(  # noqa: S603 (fixed program, arguments are not a shell line)
            ["git", "-C", str(repo), *args],  # noqa: S607
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            env={"GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent", "PATH": _path()},
        )
    except FileNotFoundError:
        raise GitError("the `git` command is not installed") from None
    if check and result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["failed"])[-1]
        raise GitError(f"git {args[0]}: {message}")
    return result


def _path() -> str:
    found = shutil.which("git")
    return str(Path(found).parent) if found else "/usr/bin:/bin"


@contextmanager
def open_repository(location: Path) -> Iterator[Path]:
    """A repository to read: a bare repository or a clone as is, a bundle cloned (bare) into
    a temporary folder removed afterwards."""
    if location.is_file():
        with tempfile.TemporaryDirectory(prefix="pactlog-bundle-") as tmp:
            target = Path(tmp) / "repo.git"
            source = str(location.resolve())  # absolute: never read as an option
            cloned = git(
                Path(tmp), "clone", "--bare", "--quiet", "--", source, str(target), check=False
            )
            if cloned.returncode != 0:
                raise BadArguments(f"{location} is not a git repository or bundle")
            yield target
        return
    if not location.is_dir():
        raise BadArguments(f"{location} does not exist")
    if git(location, "rev-parse", "--git-dir", check=False).returncode != 0:
        raise BadArguments(f"{location} is not a git repository or bundle")
    yield location


def resolve(repo: Path, rev: str | None) -> str:
    """The commit to walk back from: `rev`, else HEAD, else the repository's only branch."""
    if rev is not None and rev.startswith("-"):
        raise BadArguments(f"--rev {rev!r} is not a revision")
    found = git(
        repo, "rev-parse", "--verify", "--quiet", f"{rev or 'HEAD'}^{{commit}}", check=False
    )
    if found.returncode == 0:
        return found.stdout.strip()
    if rev is not None:
        raise BadArguments(f"no commit {rev!r} in the repository")
    branches = git(repo, "for-each-ref", "--format=%(objectname)", "refs/heads").stdout.split()
    if len(branches) == 1:
        return branches[0]
    raise BadArguments("the repository has no HEAD and several branches: name one with --rev")


def is_ancestor(repo: Path, older: str, newer: str) -> bool:
    return git(repo, "merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


def has_path(repo: Path, tip: str, folder: str) -> bool:
    """Whether any first-parent commit up to `tip` touched the folder."""
    found = git(repo, "rev-list", "--first-parent", "-1", tip, "--", folder, check=False)
    return found.returncode == 0 and bool(found.stdout.strip())


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D, R, C or T, as git says
    path: str  # the new path (the old one for D)
    old_path: str | None  # for R and C
    mode: str  # the new mode
    blob: str  # the new blob's id


@dataclass
class Commit:
    sha: str
    committed: dt.datetime  # UTC
    changes: list[Change] = field(default_factory=list)

    @property
    def day(self) -> dt.date:
        return self.committed.date()


def commits(repo: Path, tip: str, folder: str, since: str | None = None) -> list[Commit]:
    """The first-parent commits that changed `folder`, oldest first, with git's own renames;
    a merge is compared with its first parent."""
    revs = f"{since}..{tip}" if since else tip
    out = git(
        repo, "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "-M",
        "--raw", "--no-abbrev", "-z", f"--format={_COMMIT_MARK}%H %ct", revs, "--", folder,
    ).stdout  # fmt: skip
    found: list[Commit] = []
    for block in out.split(_COMMIT_MARK)[1:]:
        header, _, raw = block.partition("\x00")
        sha, stamp = header.split()
        commit = Commit(sha, dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC))
        fields = raw.strip("\n\x00").split("\x00")
        i = 0
        while i < len(fields):
            meta = fields[i].lstrip("\n")
            if not meta.startswith(":"):
                i += 1
                continue
            _, new_mode, _, new_blob, status = meta[1:].split(" ")
            kind = status[0]
            if kind in "RC":
                old, new = fields[i + 1], fields[i + 2]
                i += 3
            else:
                old, new = None, fields[i + 1]
                i += 2
            commit.changes.append(Change(kind, new, old, new_mode, new_blob))
        found.append(commit)
    return found


def tree(repo: Path, commit: str, folder: str) -> list[tuple[str, str, str]]:
    """(mode, blob, path) of every entry directly in `folder` at `commit`."""
    out = git(repo, "ls-tree", "-z", commit, "--", f"{folder}/").stdout
    entries = []
    for line in filter(None, out.split("\x00")):
        meta, _, path = line.partition("\t")
        mode, _, blob = meta.split(" ")
        entries.append((mode, blob, path))
    return entries


class Blobs:
    """Blob contents through one `git cat-file --batch`; the size is known before reading."""

    def __init__(self, repo: Path) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            ["git", "-C", str(repo), "cat-file", "--batch"],  # noqa: S607
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={"GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent", "PATH": _path()},
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin: IO[bytes] = self.process.stdin
        self.stdout: IO[bytes] = self.process.stdout

    def read(self, blob: str, limit: int) -> bytes | int:
        """The blob's bytes, or its size when it is larger than `limit` (left unread)."""
        self.stdin.write(f"{blob}\n".encode())
        self.stdin.flush()
        header = self.stdout.readline().split()
        if len(header) != 3:
            raise GitError(f"git cat-file: no object {blob}")
        size = int(header[2])
        if size > limit:
            remaining = size + 1
            while remaining:  # git sends it anyway: drain it in small pieces, keep nothing
                chunk = self.stdout.read(min(remaining, 1 << 16))
                if not chunk:
                    raise GitError(f"git cat-file: {blob} cut short")
                remaining -= len(chunk)
            return size
        data = self.stdout.read(size + 1)
        return data[:-1]

    def close(self) -> None:
        self.stdin.close()
        self.process.wait(timeout=30)

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
