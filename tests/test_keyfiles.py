"""Secret files: mode 0600 from the first byte, one key however many workers start at once."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from pactlog.keyfiles import read_or_create


def test_created_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "secret_key"
    key = read_or_create(path)
    assert len(key) > 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_or_create(path) == key
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no temporary left


def test_concurrent_starts_agree_on_one_key(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    barrier = threading.Barrier(8)
    keys: list[str] = []

    def start(n: int) -> None:
        barrier.wait()
        keys.append(read_or_create(path, lambda: f"key-{n}-" + "x" * 40))

    threads = [threading.Thread(target=start, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert path.read_text() == keys[0]
