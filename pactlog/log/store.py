"""A `pactlog.tlog.TileStore` over the log app's tables.

Files are written inside the integrator's transaction, so a checkpoint and every tile and bundle
it covers commit together or not at all: there are never leftovers of a crashed batch to clear.
The paths written are remembered so that they can be mirrored to the publish folder after the
commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils import timezone

from pactlog.log.models import LogFile, LogState
from pactlog.tlog import Checkpoint
from pactlog.tlog.note import unverified_text


class DatabaseTileStore:
    """Tiles, bundles and the checkpoint in the `log_logfile` and `log_logstate` tables."""

    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}
        self.published: str | None = None
        self.previous: str | None = None

    def read_file(self, path: str) -> bytes | None:
        data = LogFile.objects.filter(path=path).values_list("data", flat=True).first()
        return None if data is None else bytes(data)

    def read_files(self, paths: Iterable[str]) -> dict[str, bytes]:
        """Several files in one query (for readers that know what they need)."""
        rows = LogFile.objects.filter(path__in=list(paths)).values_list("path", "data")
        return {path: bytes(data) for path, data in rows}

    def write_files(self, files: Mapping[str, bytes]) -> None:
        rows = [LogFile(path=path, data=bytes(data)) for path, data in files.items()]
        LogFile.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["path"],
            update_fields=["data"],
        )
        self.written.update(files)

    def delete_files(self, paths: Iterable[str]) -> None:
        LogFile.objects.filter(path__in=list(paths)).delete()

    def read_checkpoint(self) -> str | None:
        note = LogState.objects.filter(pk=1).values_list("checkpoint", flat=True).first()
        return note or None

    def write_checkpoint(self, note: str) -> None:
        self.previous = self.read_checkpoint()
        size = Checkpoint.parse(unverified_text(note)).size
        updated = LogState.objects.filter(pk=1).update(
            checkpoint=note, size=size, updated_at=timezone.now()
        )
        if not updated:
            LogState.objects.create(pk=1, checkpoint=note, size=size, updated_at=timezone.now())
        self.published = note
