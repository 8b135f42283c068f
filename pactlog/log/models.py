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


class WitnessedCheckpoint(models.Model):
    """A checkpoint submitted to the policy's witnesses (PACTLOG_LOG_POLICY), by tree size."""

    size = models.PositiveBigIntegerField(primary_key=True)
    note = models.TextField()  # the log-signed checkpoint, without cosignatures
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"checkpoint of size {self.size}"


class Cosignature(models.Model):
    """A witness's verified cosignature line on one checkpoint (c2sp.org/tlog-cosignature)."""

    checkpoint = models.ForeignKey(
        WitnessedCheckpoint, on_delete=models.CASCADE, related_name="cosignatures"
    )
    witness = models.CharField(max_length=255)  # its name in the policy
    key_name = models.CharField(max_length=255)
    line = models.TextField()
    timestamp = models.BigIntegerField()  # POSIX seconds, as signed

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "witness"], name="one_cosignature")
        ]

    def __str__(self) -> str:
        return f"{self.witness} on size {self.checkpoint_id}"


class WitnessStatus(models.Model):
    """What the instance knows of one witness: the size it cosigned last and its last trouble."""

    witness = models.CharField(max_length=255, primary_key=True)
    size = models.PositiveBigIntegerField(default=0)
    cosigned_at = models.DateTimeField(null=True)
    failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    last_error_at = models.DateTimeField(null=True)
    retry_after = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.witness}: size {self.size}"
