"""FileLog: the tlog-tiles layout on disk, reopening, read-only use and crash safety."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from pactlog import tlog
from pactlog.tlog.filelog import FileTileStore

ORIGIN = "example.org/pactlog-test"


@pytest.fixture(scope="module")
def signer() -> tlog.Signer:
    return tlog.Signer.generate(ORIGIN)


def entries(start: int, stop: int) -> list[bytes]:
    return [b"endorsement %d" % i for i in range(start, stop)]


def test_append_writes_the_tlog_tiles_layout(tmp_path: Path, signer: tlog.Signer) -> None:
    log = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    assert log.size == 0 and log.root() == tlog.EMPTY_ROOT and log.checkpoint_note is None
    assert log.append_many(entries(0, 300)) == range(0, 300)
    assert log.append_many(entries(300, 310)) == range(300, 310)
    assert log.append_many([]) == range(310, 310)
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert files == [
        "checkpoint",
        "tile/0/000",
        "tile/0/001.p/44",
        "tile/0/001.p/54",
        "tile/1/000.p/1",
        "tile/entries/000",
        "tile/entries/001.p/44",
        "tile/entries/001.p/54",
    ]
    cp = tlog.open_checkpoint((tmp_path / "checkpoint").read_text(), signer.verifier, ORIGIN)
    memory = tlog.MemoryLog(ORIGIN)
    memory.append_many(entries(0, 310))
    assert (cp.size, cp.root) == (310, memory.root())
    assert log.root() == memory.root() and log.root(300) == memory.root(300)


def test_reopen_continues_where_it_stopped(tmp_path: Path, signer: tlog.Signer) -> None:
    first = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    first.append_many(entries(0, 1000))
    again = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    assert (again.size, again.root()) == (1000, first.root())
    again.append_many(entries(1000, 1500))
    memory = tlog.MemoryLog(ORIGIN)
    memory.append_many(entries(0, 1500))
    assert again.root() == memory.root()
    for index in (0, 255, 256, 999, 1499):
        assert again.entry(index) == b"endorsement %d" % index
        for size in (index + 1, 1000, 1500):
            if index < size:
                proof = again.inclusion_proof(index, size)
                assert proof == memory.inclusion_proof(index, size)
                tlog.verify_inclusion(
                    tlog.leaf_hash(again.entry(index)), index, size, proof, again.root(size)
                )
    assert again.consistency_proof(1000, 1500) == memory.consistency_proof(1000, 1500)
    tlog.verify_consistency(1000, 1500, first.root(), again.root(), again.consistency_proof(1000))


def test_without_a_signer_the_log_is_read_only(tmp_path: Path, signer: tlog.Signer) -> None:
    tlog.FileLog(tmp_path, ORIGIN, signer=signer).append_many(entries(0, 20))
    reader = tlog.FileLog(tmp_path, ORIGIN)
    assert reader.size == 20 and reader.entry(19) == b"endorsement 19"
    assert len(reader.inclusion_proof(3)) == 5
    with pytest.raises(tlog.LogError, match="signer"):
        reader.append_many(entries(20, 21))


def test_reopening_checks_origin_key_and_tiles(tmp_path: Path, signer: tlog.Signer) -> None:
    tlog.FileLog(tmp_path, ORIGIN, signer=signer).append_many(entries(0, 20))
    with pytest.raises(tlog.LogError, match="origin"):
        tlog.FileLog(tmp_path, "example.org/other")
    with pytest.raises(tlog.LogError, match="checkpoint"):
        tlog.FileLog(tmp_path, ORIGIN, signer=tlog.Signer.generate(ORIGIN))
    tile = tmp_path / "tile/0/000.p/20"
    tile.write_bytes(tile.read_bytes()[::-1])
    with pytest.raises(tlog.LogError, match="root"):
        tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    tile.unlink()
    with pytest.raises(tlog.LogError, match="missing"):
        tlog.FileLog(tmp_path, ORIGIN, signer=signer)


def test_a_file_is_not_a_log_directory(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(tlog.LogError, match="not a directory"):
        tlog.FileLog(tmp_path / "f", ORIGIN)


class Recorder(FileTileStore):
    """Records the order of writes; can fail at a chosen step."""

    def __init__(self, root: Path, fail_checkpoint: bool = False, fail_after: int = -1) -> None:
        super().__init__(root)
        self.calls: list[str] = []
        self.fail_checkpoint = fail_checkpoint
        self.fail_after = fail_after

    def write_files(self, files: Mapping[str, bytes]) -> None:
        if self.fail_after >= 0:
            first = dict(list(files.items())[: self.fail_after])
            super().write_files(first)
            raise OSError("disk full")
        super().write_files(files)
        self.calls.extend(files)

    def write_checkpoint(self, note: str) -> None:
        if self.fail_checkpoint:
            raise OSError("power cut")
        super().write_checkpoint(note)
        self.calls.append("checkpoint")


def test_checkpoint_is_published_after_its_tiles(tmp_path: Path, signer: tlog.Signer) -> None:
    store = Recorder(tmp_path)
    log = tlog.TiledLog(store, ORIGIN, signer=signer)
    log.append_many(entries(0, 600))
    assert store.calls[-1] == "checkpoint"
    assert store.calls.count("checkpoint") == 1
    assert not list(tmp_path.rglob(".*.tmp"))


@pytest.mark.parametrize("failure", ["checkpoint", "files"])
def test_a_crash_before_the_checkpoint_loses_only_that_batch(
    tmp_path: Path, signer: tlog.Signer, failure: str
) -> None:
    log = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    log.append_many(entries(0, 250))
    before = (tmp_path / "checkpoint").read_text()
    if failure == "checkpoint":
        store = Recorder(tmp_path, fail_checkpoint=True)
    else:
        store = Recorder(tmp_path, fail_after=2)
    crashing = tlog.TiledLog(store, ORIGIN, signer=signer)
    with pytest.raises(OSError):
        crashing.append_many([b"lost %d" % i for i in range(100)])
    assert crashing.size == 250  # in-memory state unchanged too
    assert (tmp_path / "checkpoint").read_text() == before

    # A reader and a restarted writer see the last published checkpoint...
    verifier = signer.verifier
    tlog.audit_log(tlog.directory_fetcher(tmp_path), verifier)
    leftovers = {"tile/entries/000", "tile/0/000", "tile/1/000.p/1", "tile/entries/001.p/94"}
    on_disk = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    if failure == "checkpoint":
        assert leftovers <= on_disk
    restarted = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    assert restarted.size == 250
    on_disk = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert not leftovers & on_disk
    assert {"tile/entries/000.p/250", "tile/0/000.p/250"} <= on_disk
    # ...and the next batch overwrites the leftovers of the lost one.
    restarted.append_many(entries(250, 400))
    result = tlog.audit_log(tlog.directory_fetcher(tmp_path), verifier, since=before)
    assert result.checkpoint.size == 400
    memory = tlog.MemoryLog(ORIGIN)
    memory.append_many(entries(0, 400))
    assert restarted.root() == memory.root()


def test_a_second_writer_is_detected(tmp_path: Path, signer: tlog.Signer) -> None:
    one = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    two = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    one.append_many(entries(0, 5))
    with pytest.raises(tlog.LogError, match="another process"):
        two.append_many(entries(5, 10))


def test_memory_tile_store_satisfies_the_protocols(signer: tlog.Signer) -> None:
    store = tlog.MemoryTileStore()
    assert isinstance(store, tlog.TileStore)
    assert isinstance(FileTileStore("/nonexistent"), tlog.TileStore)
    log = tlog.TiledLog(store, ORIGIN, signer=signer)
    assert isinstance(log, tlog.Log) and isinstance(tlog.MemoryLog(ORIGIN), tlog.Log)
    log.append_many(entries(0, 3))
    assert tlog.TiledLog(store, ORIGIN).root() == log.root()
    assert log.checkpoint() == tlog.Checkpoint(ORIGIN, 3, log.root())
