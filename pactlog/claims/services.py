"""Entering claims: the one writer of `Claim` rows, each change with its `claim.saved` event.

Claims go through `registry.services.record`, so they are numbered in the same event stream as
the registry they are about and the log's verifier replays them too. Events carry the claim's
public content only (its source, the quoted words, what it asserts), never who entered it.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from pactlog.claims.models import Claim
from pactlog.claims.spec import ClaimSpec
from pactlog.registry.models import Agreement
from pactlog.registry.services import record
from pactlog.registry.vocabulary import EventType


@transaction.atomic
def save_claim(
    agreement: Agreement, spec: ClaimSpec, public_id: str | None = None
) -> tuple[Claim, bool]:
    """Add a claim (or correct the claim `public_id`); whether anything public changed.

    A new claim's id is a fingerprint of its content, so adding the same claim again finds
    the first one and writes nothing.
    """
    if public_id is None:
        public_id = spec.fingerprint(agreement.slug)
        claim = Claim.objects.select_for_update().filter(public_id=public_id).first()
    else:
        claim = Claim.objects.select_for_update().get(public_id=public_id)
    before = claim.public_state() if claim else None
    if claim is None:
        claim = Claim(public_id=public_id, agreement=agreement)
    claim.agreement = agreement
    claim.set_spec(spec)
    after = claim.public_state()
    if after == before:
        return claim, False
    claim.checked_version = -1
    try:
        with transaction.atomic():  # a savepoint: the same claim added at the same moment
            claim.save()
    except IntegrityError:
        if before is not None:
            raise
        return Claim.objects.get(public_id=public_id), False
    record([(EventType.CLAIM_SAVED, after)])
    return claim, True
