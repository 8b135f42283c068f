"""What a witness keeps: per trusted log, its keys and the last (size, root) it cosigned."""

from django.db import models

from pactlog.tlog.hashing import EMPTY_ROOT


class WitnessedLog(models.Model):
    """A log this witness trusts. Rows are never deleted: forgetting a log's state and adding
    it again is how a witness would end up cosigning a split view."""

    origin = models.CharField(max_length=255, unique=True)
    origin_hash = models.CharField(max_length=64, unique=True)  # hex SHA-256, monitoring path
    keys = models.TextField()  # the log's verifier keys, one per line
    url = models.TextField(blank=True, default="")
    size = models.PositiveBigIntegerField(default=0)
    root = models.BinaryField(default=EMPTY_ROOT)
    checkpoint = models.TextField(blank=True, default="")  # latest cosigned, with our line
    added_at = models.DateTimeField(auto_now_add=True)
    cosigned_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.origin} at size {self.size}"
