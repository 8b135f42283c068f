"""`import-git --rebuild`: the source's endorsements recomputed from its whole history.

The rows stay (an append-only record never deletes): the walk starts with none of them
"seen", and meets each again when a commit first lists its supporter, by source key or by
the rename rules of docs/spec.md §4. Met, its start becomes what that first listing proves
(an `endorsement.updated` event), but never later than the start already recorded: that
start rests on an observation too (docs/spec.md §10). What the history never lists, or an
end it contradicts, is reported and left as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pactlog.importing.records import Record
from pactlog.importing.report import Problems
from pactlog.importing.sync import SourceState, _start_of, _Vanished, pair_renames
from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Agreement, Endorsement
from pactlog.registry.vocabulary import Status


class Rebuild:
    def __init__(
        self, agreement: Agreement, source: str, current: SourceState, later: dict[str, str]
    ) -> None:
        """`later`: old key -> new key for every rename in the history ahead."""
        self.source = source
        self.current = current
        self.later = later
        self.pending: dict[int, Endorsement] = {}
        for endorsement in (
            Endorsement.objects.filter(agreement=agreement, actor__source_keys__source=source)
            .select_related("actor", "agreement")
            .distinct()
            .order_by("actor_id", "number")
        ):
            self.pending[endorsement.actor_id] = endorsement  # the latest one per actor
        # One Python object per actor: the services update the instance they are given, and
        # the planner compares with the instances it holds.
        held = {actor.pk: actor for actor in current.actor_by_key.values()}
        for endorsement in self.pending.values():
            endorsement.actor = held.get(endorsement.actor_id, endorsement.actor)
        current.active.clear()  # only what the walk has listed is "active" to the planner

    def meet(
        self,
        records: Sequence[Record],
        day: dt.date,
        window: Interval,
        launch: dt.date | None,
        problems: Problems,
    ) -> int:
        """Meet the pending endorsements this commit lists; returns how many starts changed."""
        if not self.pending:
            return 0
        met: list[tuple[Record, Endorsement]] = []
        unknown: list[Record] = []
        for record in records:
            actor = self.current.actor_by_key.get(record.key or "") or self._renamed(record)
            if actor is None:
                unknown.append(record)
            elif actor.pk in self.pending:
                met.append((record, self.pending.pop(actor.pk)))
        if unknown:
            candidates = [
                _Vanished("", e.actor, e)
                for e in self.pending.values()
                if e.actor.merged_into_id is None
            ]
            keys = []
            for record, gone in pair_renames(unknown, candidates):
                assert record.key is not None
                keys.append((gone.actor, record.spec_for(gone.actor), [(self.source, record.key)]))
                self.current.actor_by_key[record.key] = gone.actor
                met.append((record, self.pending.pop(gone.actor.pk)))
            services.update_actors(keys)
        restarts = []
        for record, endorsement in met:
            if endorsement.status != Status.ACTIVE and (
                endorsement.end_not_before is None or endorsement.end_not_before <= day
            ):
                problems.warn(
                    record.origin, "end",
                    f"listed on {day}, but its endorsement ended {endorsement.end_not_before} to "
                    f"{endorsement.end_not_after}; left as it was",
                )  # fmt: skip
                continue
            self.current.active[endorsement.actor_id] = endorsement
            fresh = _start_of(record, window, launch, Problems())
            if fresh == endorsement.start:
                continue
            if fresh.not_after > endorsement.start_not_after:
                problems.warn(
                    record.origin, "start",
                    f"first listed on {day}, after the start already recorded "
                    f"({endorsement.start_not_after}); kept",
                )  # fmt: skip
                continue
            restarts.append((endorsement, fresh))
        return services.update_endorsement_starts(restarts)

    def _renamed(self, record: Record) -> Actor | None:
        """The pending actor a key is renamed to later in the history (git's renames), whose
        link is added now so the planner meets it under this older key."""
        key, seen = record.key or "", set()
        while key in self.later and key not in seen:
            seen.add(key)
            key = self.later[key]
            actor = self.current.actor_by_key.get(key)
            if actor is not None and actor.pk in self.pending:
                assert record.key is not None
                services.update_actors(
                    [(actor, record.spec_for(actor), [(self.source, record.key)])]
                )
                self.current.actor_by_key[record.key] = actor
                return actor
        return None

    def unmet(self, problems: Problems) -> None:
        for endorsement in self.pending.values():
            if endorsement.status == Status.ACTIVE:
                problems.warn(
                    endorsement.actor.public_id, "history",
                    f"endorses through {self.source} but no commit lists it; left as it was",
                )  # fmt: skip
