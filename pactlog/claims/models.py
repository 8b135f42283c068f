"""Published claims about an agreement and the history of their computed verdicts.

A claim's content is public and changes only through `claims.services` (an event each time).
Verdicts are never typed: `claims.verdicts` computes them from the registry and keeps a row
each time a claim's verdict or evidence changes, keyed by the registry version it was computed at.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from pactlog.claims.engine import VERDICTS
from pactlog.claims.spec import KINDS, ClaimSpec, Source
from pactlog.registry.models import Agreement


class Claim(models.Model):
    public_id = models.CharField(max_length=16, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="claims")
    source_title = models.CharField(max_length=300)
    source_publisher = models.CharField(max_length=200, blank=True)
    source_author = models.CharField(max_length=200, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    source_published = models.CharField(
        max_length=10, blank=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD, as the source says."
    )
    quote = models.TextField()
    kind = models.CharField(max_length=20, choices=[(k, k) for k in KINDS])
    as_of = models.DateField(help_text="The day the claim refers to.")
    quantity = models.CharField(max_length=40, blank=True)
    group = models.CharField(max_length=80, blank=True)
    op = models.CharField(max_length=8, blank=True)
    value = models.PositiveBigIntegerField(null=True, blank=True)
    tolerance_percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    states = models.JSONField(default=list, blank=True)
    claimed_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: The registry version the latest verdict was computed at (-1: never).
    checked_version = models.BigIntegerField(default=-1, editable=False)

    class Meta:
        ordering = ["as_of", "pk"]

    def __str__(self) -> str:
        return f"{self.source_title}: {self.quote[:60]}"

    def spec(self) -> ClaimSpec:
        return ClaimSpec(
            kind=self.kind,
            as_of=self.as_of,
            source=Source(
                title=self.source_title,
                publisher=self.source_publisher,
                author=self.source_author,
                url=self.source_url,
                published=self.source_published,
            ),
            quote=self.quote,
            quantity=self.quantity,
            group=self.group,
            op=self.op,
            value=self.value,
            tolerance_percent=self.tolerance_percent,
            states=tuple(self.states),
            claimed_date=self.claimed_date,
        )

    def set_spec(self, spec: ClaimSpec) -> None:
        self.kind, self.as_of, self.quote = spec.kind, spec.as_of, spec.quote
        self.source_title = spec.source.title
        self.source_publisher = spec.source.publisher
        self.source_author = spec.source.author
        self.source_url = spec.source.url
        self.source_published = spec.source.published
        self.quantity, self.group, self.op = spec.quantity, spec.group, spec.op
        self.value, self.tolerance_percent = spec.value, spec.tolerance_percent
        self.states, self.claimed_date = list(spec.states), spec.claimed_date

    def public_state(self) -> dict[str, Any]:
        """What a `claim.saved` event carries and replay rebuilds: public fields only."""
        return {"id": self.public_id, **self.spec().public(self.agreement.slug)}

    def latest_verdict(self) -> ClaimVerdict | None:
        return self.verdicts.order_by("-registry_version").first()


class ClaimVerdict(models.Model):
    """A claim's verdict as computed at one registry version; a row only when it changed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    registry_version = models.BigIntegerField()
    verdict = models.CharField(max_length=20, choices=[(v, v) for v in VERDICTS])
    details = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["claim", "registry_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "registry_version"], name="one_verdict_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.claim.public_id} @{self.registry_version}: {self.verdict}"

    @property
    def computed_on(self) -> dt.date:
        return self.computed_at.date()
