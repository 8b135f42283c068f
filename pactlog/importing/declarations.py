"""What each file declares (`date_signed`), kept beside the evidence (`registry.Declaration`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pactlog.importing.records import Record
from pactlog.importing.sync import SourceState
from pactlog.registry import services
from pactlog.registry.models import Agreement, Declaration, Endorsement


class Declared:
    """Follows the declared dates of a source's files, writing only what changed (a history
    import meets the same files in every commit)."""

    def __init__(self, agreement: Agreement, source: str) -> None:
        self.source = source
        self.known = {
            d.endorsement_id: (d.signed_on, d.file)
            for d in Declaration.objects.filter(source=source, endorsement__agreement=agreement)
        }

    def note(self, records: Sequence[Record], state: SourceState) -> None:
        """After a plan is applied: each listed record's declaration, on its endorsement."""
        changed: list[tuple[Endorsement, str, dt.date, str]] = []
        for record in records:
            if record.declared is None or record.key is None:
                continue
            actor = state.actor_by_key.get(record.key)
            endorsement = state.active.get(actor.pk) if actor is not None else None
            if endorsement is None:
                continue
            value = (record.declared, record.origin)
            if self.known.get(endorsement.pk) != value:
                self.known[endorsement.pk] = value
                changed.append((endorsement, self.source, record.declared, record.origin))
        services.note_declarations(changed)
