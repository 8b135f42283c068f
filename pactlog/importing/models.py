"""Import bookkeeping: how far a git history has been imported (not public registry data)."""

from django.db import models

from pactlog.registry.models import Agreement


class GitProgress(models.Model):
    """The last commit of a source's git history imported into an agreement, to resume from."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=100)
    folder = models.CharField(max_length=500)
    commit = models.CharField(max_length=64)
    committed_on = models.DateField()
    commits = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "source"], name="git_progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}/{self.source} at {self.commit[:12]}"
