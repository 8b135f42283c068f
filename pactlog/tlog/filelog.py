"""A tiled log in a directory, ready to be served as static files.

The directory holds exactly the tlog-tiles layout (`checkpoint`, `tile/...`),
so any static web server publishing it is a complete log server.

Crash safety: every file is written to a temporary name in its directory,
fsync'ed, renamed over its final name, and the directories are fsync'ed; the
checkpoint is written the same way, and only after every tile and bundle of
the batch is durable. Readers therefore see either the old checkpoint or the
new one, never a checkpoint whose files are missing or torn.

One process appends at a time (the log refuses to append if the checkpoint
changed under it, but does not lock).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pactlog.tlog.errors import LogError
from pactlog.tlog.note import Signer
from pactlog.tlog.tiled import TiledLog

CHECKPOINT = "checkpoint"


class FileTileStore:
    """A TileStore in a directory, with write-fsync-rename durability."""

    def __init__(self, root: str | os.PathLike[str], *, fsync: bool = True) -> None:
        self.root = Path(root)
        self.fsync = fsync
        self._pool: ThreadPoolExecutor | None = None

    def _path(self, name: str) -> Path:
        parts = name.split("/")
        if not name or any(p in ("", ".", "..") for p in parts):
            raise LogError(f"invalid file name in the store: {name!r}")
        return self.root.joinpath(*parts)

    def read_file(self, path: str) -> bytes | None:
        try:
            return self._path(path).read_bytes()
        except FileNotFoundError:
            return None

    def write_files(self, files: Mapping[str, bytes]) -> None:
        targets = [(self._path(name), data) for name, data in files.items()]
        dirs: set[Path] = set()
        for target, _ in targets:
            if target.parent not in dirs:
                created = _makedirs(target.parent, self.root)
                dirs.add(target.parent)
                dirs.update(p.parent for p in created)
        if self.fsync and len(targets) > 1:
            # fsync releases the GIL: issued together, the file system can
            # commit them in fewer journal transactions than one per file.
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="tlog-fsync")
            list(self._pool.map(lambda item: self._write_atomic(*item), targets))
        else:
            for target, data in targets:
                self._write_atomic(target, data)
        if self.fsync:
            for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
                fsync_dir(d)

    def delete_files(self, paths: Iterable[str]) -> None:
        dirs: set[Path] = set()
        for name in paths:
            target = self._path(name)
            try:
                target.unlink()
            except FileNotFoundError:
                continue
            dirs.add(target.parent)
        if self.fsync:
            for d in dirs:
                fsync_dir(d)

    def read_checkpoint(self) -> str | None:
        data = self.read_file(CHECKPOINT)
        return None if data is None else data.decode("utf-8", errors="replace")

    def write_checkpoint(self, note: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._write_atomic(self.root / CHECKPOINT, note.encode("utf-8"))
        if self.fsync:
            fsync_dir(self.root)

    def _write_atomic(self, target: Path, data: bytes) -> None:
        write_atomic(target, data, self.fsync)


def _makedirs(directory: Path, root: Path) -> list[Path]:
    """Create `directory` and missing parents; return those created, deepest last."""
    missing: list[Path] = []
    d = directory
    while not d.exists() and d != root.parent:
        missing.append(d)
        d = d.parent
    for d in reversed(missing):
        d.mkdir(exist_ok=True)
    return list(reversed(missing))


def write_atomic(target: Path, data: bytes, fsync: bool = True) -> None:
    """Write `data` to a temporary name beside `target` (fsync'ed unless told not to), then
    rename it over `target`: readers see the old file or the new one, never half of one."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileLog(TiledLog):
    """A transparency log stored in directory `path` in the tlog-tiles layout.

    `signer` (keyword-only) signs the checkpoint published after every
    append_many() batch; it is required to append and its key name should be
    the origin. Without a signer the log opens read-only: roots, proofs and
    entries of what is already published. Pass `fsync=False` only for
    throwaway logs (tests, benchmarks of the rest of the stack).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        origin: str,
        *,
        signer: Signer | None = None,
        fsync: bool = True,
    ) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise LogError(f"{self.path} is not a directory")
        super().__init__(FileTileStore(self.path, fsync=fsync), origin, signer=signer)
