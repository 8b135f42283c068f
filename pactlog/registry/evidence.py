"""What each date of an endorsement rests on (docs/spec.md §10: observations are evidence).

An imported interval's bounds are the days of lists read from its source: the start's
`not_after` is the first list that held the supporter, its `not_before` the day after the last
list that did not; an end the reverse. A join's start is the moderator's approval, an event of
the log. Derived from the bookkeeping the imports keep (snapshot days and their commits), never
stored twice; what the source itself declares (`date_signed`) is shown apart by the importer's
own notes where it keeps them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pactlog.registry.models import (
    Declaration,
    Endorsement,
    Event,
    ObservedSource,
    Snapshot,
    SourceKey,
)
from pactlog.registry.vocabulary import EventType

#: The source name the joining app gives the endorsements a moderator approves.
JOIN_SOURCE = "join"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Observation:
    """One fact a date rests on."""

    bound: str  # start.not_before, start.not_after, end.not_before, end.not_after
    kind: str  # listed, not_listed, approved, given, recorded
    day: dt.date
    source: str = ""
    label: str = ""
    reference: str = ""  # a commit
    files: tuple[str, ...] = ()
    event: int | None = None  # the log entry

    def text(self) -> str:
        """A plain sentence in the active language."""
        day = date_format(self.day, "j F Y")
        words = {
            "listed": _("in the list of %(day)s read from %(source)s"),
            "not_listed": _("not in the list of %(day)s read from %(source)s"),
            "approved": _("approved by a moderator on %(day)s"),
            "given": _("as given by %(source)s, imported on %(day)s"),
            "recorded": _("recorded in this registry on %(day)s"),
            "declared": _("the date %(source)s itself declares (date_signed): %(day)s"),
            "declares_agrees": _(
                "%(source)s declares %(day)s (date_signed); the record agrees with it"
            ),
            "declares_differs": _(
                "%(source)s declares %(day)s (date_signed); the lists, which are the evidence, "
                "say otherwise"
            ),
        }
        return words[self.kind] % {"day": day, "source": self.label or self.source}

    def as_json(self) -> dict[str, Any]:
        return {
            "bound": self.bound,
            "kind": self.kind,
            "day": self.day.isoformat(),
            "source": self.source,
            "label": self.label,
            "commit": self.reference or None,
            "files": list(self.files),
            "log_entry": self.event,
        }


def _started_event(endorsement: Endorsement) -> Event | None:
    for event in Event.objects.filter(
        actor=endorsement.actor.public_id, type=EventType.ENDORSEMENT_STARTED
    ).order_by("seq"):
        payload = json.loads(event.payload)
        if (payload.get("agreement"), payload.get("number", 1)) == (
            endorsement.agreement.slug,
            endorsement.number,
        ):
            return event
    return None


def evidence(endorsement: Endorsement) -> list[Observation]:
    """The observations that bound the endorsement's start and end, in that order, then what
    its sources declare (apart: a declaration is not evidence), and whether the record agrees."""
    return _bounds(endorsement) + _declarations(endorsement)


def _declarations(endorsement: Endorsement) -> list[Observation]:
    found = []
    labels = dict(
        ObservedSource.objects.filter(agreement=endorsement.agreement_id).values_list(
            "source", "label"
        )
    )
    start = endorsement.start
    for declared in Declaration.objects.filter(endorsement=endorsement).order_by("source"):
        day = declared.signed_on
        agrees = (start.not_before is None or start.not_before <= day) and day <= start.not_after
        kind = "declares_agrees" if agrees else "declares_differs"
        label = labels.get(declared.source, declared.source)
        files = (declared.file,) if declared.file else ()
        found.append(Observation("declared", kind, day, declared.source, label, files=files))
    return found


def _bounds(endorsement: Endorsement) -> list[Observation]:
    source = endorsement.source
    seen = ObservedSource.objects.filter(agreement=endorsement.agreement_id, source=source).first()
    if seen is not None and seen.kind in (ObservedSource.Kind.GIT, ObservedSource.Kind.FOLDER):
        return _from_lists(endorsement, seen)
    event = _started_event(endorsement)
    log = event.seq if event is not None else None
    if source == JOIN_SOURCE:
        return [Observation("start.not_after", "approved", endorsement.start_not_after, event=log)]
    if seen is not None:
        return [
            Observation(
                "start.not_after", "given", seen.last_observed, source, seen.label, event=log
            )
        ]
    day = event.recorded_at.date() if event is not None else endorsement.start_not_after
    return [Observation("start.not_after", "recorded", day, event=log)]


def _from_lists(endorsement: Endorsement, seen: ObservedSource) -> list[Observation]:
    lists = dict(
        Snapshot.objects.filter(agreement=endorsement.agreement_id, source=seen.source)
        .order_by("taken_on")
        .values_list("taken_on", "reference")
    )
    days = sorted(lists)
    keys = SourceKey.objects.filter(actor=endorsement.actor_id, source=seen.source)
    suffix = ".md" if seen.kind in (ObservedSource.Kind.GIT, ObservedSource.Kind.FOLDER) else ""
    files = tuple(sorted(f"{key}{suffix}" for key in keys.values_list("key", flat=True)))

    def at(bound: str, kind: str, day: dt.date) -> Observation:
        return Observation(bound, kind, day, seen.source, seen.label, lists[day], files)

    found: list[Observation] = []
    before = endorsement.start_not_before
    if before is not None and before - ONE_DAY in lists:
        found.append(at("start.not_before", "not_listed", before - ONE_DAY))
    first = next((d for d in days if d >= endorsement.start_not_after), None)
    if first != endorsement.start_not_after:
        # Earlier than any list that held it: the source's own date, believed (data-model.md).
        found.append(
            Observation(
                "start.not_after", "declared", endorsement.start_not_after, seen.source,
                seen.label, files=files,
            )
        )  # fmt: skip
    if first is not None:
        declared = first != endorsement.start_not_after
        found.append(at("start.first_listed" if declared else "start.not_after", "listed", first))
    if endorsement.end_not_after is not None:
        last = endorsement.end_not_before
        if last is not None and last - ONE_DAY in lists:
            found.append(at("end.not_before", "listed", last - ONE_DAY))
        if endorsement.end_not_after in lists:
            found.append(at("end.not_after", "not_listed", endorsement.end_not_after))
    return found
