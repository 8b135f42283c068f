"""Where the log's tiles, entry bundles and checkpoint live: tables every process sees.

The rows are the TileStore of `pactlog.tlog` (paths as C2SP tlog-tiles names them), so SQLite
and PostgreSQL hold the same files a directory would, and one database transaction makes an
integration all-or-nothing.
"""

from django.db import models


class LogFile(models.Model):
    """A hash tile or entry bundle, by its tlog-tiles path (e.g. `tile/0/x001/234.p/7`)."""

    path = models.CharField(max_length=120, primary_key=True)
    data = models.BinaryField()

    def __str__(self) -> str:
        return self.path


class LogState(models.Model):
    """One row (pk=1): the latest signed checkpoint and its size, locked while integrating."""

    size = models.PositiveBigIntegerField(default=0)
    checkpoint = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"log of {self.size} entries"
