"""The one way to change the registry.

Every function here writes its rows and one `Event` per public change in the same database
transaction, so the event stream always replays to exactly the registry the site serves.
Functions take batches because imports write thousands of rows: a single change is a batch
of one. Nothing outside this module saves, updates or deletes registry rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from dataclasses import field as spec_field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.text import slugify

from pactlog.registry.canonical import canonical_json
from pactlog.registry.countries import country_name
from pactlog.registry.dates import Interval, today
from pactlog.registry.entries import MAX_ENTRY_SIZE, entry_bytes, too_large
from pactlog.registry.models import (
    SORT_COLUMNS,
    Actor,
    Agreement,
    Declaration,
    Endorsement,
    Event,
    EventCounter,
    ObservedSource,
    Principle,
    Snapshot,
    SourceKey,
    sort_keys,
)
from pactlog.registry.public import actor_state, agreement_state, endorsement_state
from pactlog.registry.signals import notify_after_commit
from pactlog.registry.text import clean_name, drop_invalid, fold_search, strip_accents
from pactlog.registry.vocabulary import ActorKind, EventType, Status


class RegistryError(ValueError):
    """A change the registry's rules do not allow (the message says which rule)."""


@dataclass(frozen=True)
class ActorSpec:
    """The public fields of an actor, as a caller wants them to be."""

    kind: str
    name: str
    category: str
    nature: str = ""
    nature_raw: str = ""
    country: str = ""
    website: str = ""
    wikidata: str = ""
    lei: str = ""
    #: The name in the site's other languages, by language code (`Actor.names`).
    names: dict[str, str] = spec_field(default_factory=dict)

    def __post_init__(self) -> None:
        # Every path into the registry (joining, imports, admin, commands) builds a spec:
        # here, once, what is not text (U+FFFF, unassigned code points...) is dropped.
        for name in ("name", "nature_raw", "website"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, drop_invalid(value))
        object.__setattr__(self, "names", other_names(self.names, self.name))


def other_names(names: Any, name: str) -> dict[str, str]:
    """`names` in its one stored form: cleaned, without empty forms or the name itself again,
    keys sorted (so that equal specs compare equal and an unchanged actor writes no event).
    What is not a mapping of text to text is kept as it is, for `_validate` to refuse."""
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        return names  # type: ignore[no-any-return]
    cleaned = {code: clean_name(value) for code, value in sorted(names.items())}
    return {code: value for code, value in cleaned.items() if value and value != name}


ACTOR_FIELDS = tuple(f.name for f in fields(ActorSpec))


def spec_of(actor: Actor) -> ActorSpec:
    return ActorSpec(**{name: getattr(actor, name) for name in ACTOR_FIELDS})


# --- events -------------------------------------------------------------------------------


def record(changes: Sequence[tuple[str, dict[str, Any]]], at: dt.datetime | None = None) -> None:
    """Append one event per change, numbered on from the last without gaps.

    Must run inside the caller's transaction: the counter row stays locked until it commits,
    so two writers never take the same numbers and a rolled-back change leaves no event.
    """
    if not changes:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events are recorded only inside the transaction of their change")
    counter, _ = EventCounter.objects.select_for_update().get_or_create(pk=1)
    first = counter.next_seq
    when = at or timezone.now()
    connection = transaction.get_connection()
    stamp = connection.ops.adapt_datetimefield_value(when)
    # Plain executemany: events are the largest table an import writes, and the ORM's
    # per-value compilation would cost more than the insert itself.
    rows = [
        (first + i, str(kind), stamp, canonical_json(payload), event_actor(kind, payload))
        for i, (kind, payload) in enumerate(changes)
    ]
    check_entry_sizes(rows, when)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Event._meta.db_table} (seq, type, recorded_at, payload, actor)"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s)",
            rows,
        )
    counter.next_seq = first + len(changes)
    counter.save(update_fields=["next_seq"])
    notify_after_commit()


def check_entry_sizes(rows: Sequence[tuple[int, str, Any, str, str]], when: dt.datetime) -> None:
    """Refuse, inside the transaction, an event whose log entry would pass 65,535 bytes.

    The payload's UTF-8 length bounds the entry's (a fixed-size envelope around it), so only
    payloads near the limit are built in full.
    """
    for seq, kind, _, payload, _ in rows:
        if len(payload) * 4 + 200 < MAX_ENTRY_SIZE:
            continue
        size = len(entry_bytes(seq, kind, when, payload))
        if too_large(size):
            raise RegistryError(
                f"this change would make a log entry of {size:,} bytes ({kind}); the log takes "
                f"at most {MAX_ENTRY_SIZE:,}: shorten its texts"
            )


def event_actor(kind: str, payload: dict[str, Any]) -> str:
    """Which actor an event is about: `id` of actor.* events, `actor` of endorsement.* ones."""
    if kind.startswith("actor."):
        return str(payload.get("id", ""))
    if kind.startswith("endorsement."):
        return str(payload.get("actor", ""))
    return ""


def event_count() -> int:
    """How many events the registry has (the log integrates up to it)."""
    counter = EventCounter.objects.filter(pk=1).values_list("next_seq", flat=True).first()
    return int(counter or 0)


def answers_version() -> int:
    """What every cached answer is keyed by (`caching.registry_version`): the event count plus
    the changes of bookkeeping that answers show. Both only grow, so the sum moves exactly
    when an answer may change, and never back."""
    row = EventCounter.objects.filter(pk=1).values_list("next_seq", "bookkeeping").first()
    return int(row[0] + row[1]) if row else 0


def _bookkeeping_changed() -> None:
    """An answer shows what just changed (provenance, declarations): move the caches' version
    and tell the receivers once the import's transaction commits; no event, nothing logged."""
    EventCounter.objects.get_or_create(pk=1)
    EventCounter.objects.filter(pk=1).update(bookkeeping=F("bookkeeping") + 1)
    notify_after_commit()


# --- agreements ---------------------------------------------------------------------------


AGREEMENT_FIELDS = (
    "title_en", "title_fr", "summary_en", "summary_fr", "text_en", "text_fr", "text_url",
    "launched_on", "categories", "languages", "is_example",
)  # fmt: skip


@transaction.atomic
def save_agreement(
    slug: str, principles: Sequence[dict[str, Any]] | None = None, **values: Any
) -> tuple[Agreement, bool]:
    """Create or change an agreement (and replace its principles when given).

    Returns the agreement and whether anything public changed (an event was written).
    """
    unknown = set(values) - set(AGREEMENT_FIELDS)
    if unknown:
        raise RegistryError(f"unknown agreement fields: {', '.join(sorted(unknown))}")
    agreement = Agreement.objects.filter(slug=slug).first()
    before = agreement_state(agreement) if agreement else None
    if agreement is None:
        agreement = Agreement(slug=slug)
    for name, value in values.items():
        setattr(agreement, name, value)
    agreement.full_clean(exclude=["principles"])
    agreement.save()
    if principles is not None:
        agreement.principles.all().delete()
        Principle.objects.bulk_create(Principle(agreement=agreement, **p) for p in principles)
    after = agreement_state(agreement)
    if after == before:
        return agreement, False
    record([(EventType.AGREEMENT_SAVED, after)])
    return agreement, True


# --- actors -------------------------------------------------------------------------------


def search_text(spec: ActorSpec) -> str:
    """Every name a reader may search for: the actor's own, its other-language forms, and a
    state's names in every language."""
    names = [spec.name]
    if isinstance(spec.names, dict):
        names += [str(value) for _, value in sorted(spec.names.items())]
    if spec.kind == ActorKind.STATE and spec.country:
        names += [country_name(spec.country, "en"), country_name(spec.country, "fr")]
    return " | ".join(dict.fromkeys(fold_search(n) for n in names if n))


def derived_columns(spec: ActorSpec) -> dict[str, str]:
    """The actor's columns computed from its public fields, never in an event: what `?q=`
    finds and what lists sort by (`pactlog.log.derived` recomputes them)."""
    return {
        "search_text": search_text(spec),
        **sort_keys(spec.kind, spec.country, spec.name, spec.names),
    }


DERIVED_COLUMNS = ("search_text", *SORT_COLUMNS.values())


def _id_base(spec: ActorSpec) -> str:
    name = spec.name
    if spec.kind == ActorKind.STATE and spec.country:
        name = country_name(spec.country, "en") or name
    base = slugify(strip_accents(name))[:60].strip("-")
    return base or "actor"


def _taken_ids(bases: set[str]) -> set[str]:
    """Existing public ids that could collide with these bases (all of them for big batches)."""
    ids = Actor.objects.values_list("public_id", flat=True)
    if len(bases) > 200:
        return set(ids)
    near = Q()
    for base in bases:
        near |= Q(public_id=base) | Q(public_id__startswith=f"{base}-")
    return set(ids.filter(near))


def _allocate_public_ids(specs: Sequence[ActorSpec]) -> list[str]:
    """Readable, stable ids from names ("microsoft", "france", "microsoft-2" on a clash)."""
    bases = [_id_base(s) for s in specs]
    taken = _taken_ids(set(bases)) if bases else set()
    ids = []
    for base in bases:
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _validate(spec: ActorSpec) -> None:
    if not spec.name.strip():
        raise RegistryError("an actor needs a name")
    if spec.kind == ActorKind.STATE and len(spec.country) != 3:
        raise RegistryError(f"a state needs its ISO 3166-1 alpha-3 code: {spec.name!r}")
    if not isinstance(spec.names, dict):
        raise RegistryError(
            f"an actor's other names are a mapping of language to name: {spec.name!r}"
        )
    if spec.names and spec.kind == ActorKind.STATE:
        raise RegistryError(
            f"a state is named by its country code, not by stored names: {spec.name!r}"
        )
    languages = {code for code, _ in settings.LANGUAGES}
    longest = Actor._meta.get_field("name").max_length or 500
    for code, value in spec.names.items():
        if code not in languages or not isinstance(value, str):
            raise RegistryError(
                f"other names are the site's languages ({', '.join(sorted(languages))}): {code!r}"
            )
        if len(value) > longest:
            raise RegistryError(
                f"the name in {code!r} is {len(value)} characters long; at most {longest}"
            )


@transaction.atomic
def create_actors(
    specs: Sequence[ActorSpec],
    source_keys: Sequence[Sequence[tuple[str, str]]] | None = None,
    at: dt.datetime | None = None,
) -> list[Actor]:
    """Create actors (with the keys their sources know them by), one `actor.saved` each."""
    keys = list(source_keys) if source_keys is not None else [[] for _ in specs]
    if len(keys) != len(specs):
        raise RegistryError("one list of source keys per actor")
    for spec in specs:
        _validate(spec)
    ids = _allocate_public_ids(specs)
    actors = Actor.objects.bulk_create(
        Actor(public_id=pid, **derived_columns(spec), **asdict(spec))
        for pid, spec in zip(ids, specs, strict=True)
    )
    SourceKey.objects.bulk_create(
        SourceKey(actor=actor, source=source, key=key)
        for actor, actor_keys in zip(actors, keys, strict=True)
        for source, key in actor_keys
    )
    record(
        [
            (EventType.ACTOR_SAVED, actor_state(actor, list(actor_keys)))
            for actor, actor_keys in zip(actors, keys, strict=True)
        ],
        at,
    )
    return actors


def _keys_by_actor(actor_ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {pk: [] for pk in actor_ids}
    for actor_id, source, key in SourceKey.objects.filter(actor_id__in=actor_ids).values_list(
        "actor_id", "source", "key"
    ):
        found[actor_id].append((source, key))
    return found


@transaction.atomic
def update_actors(
    changes: Sequence[tuple[Actor, ActorSpec, Sequence[tuple[str, str]]]],
    at: dt.datetime | None = None,
) -> int:
    """Set actors' public fields and add source keys; one `actor.saved` per actor that changed.

    Returns how many actors changed.
    """
    keys = _keys_by_actor([actor.pk for actor, _, _ in changes])
    changed: list[Actor] = []
    new_keys: list[SourceKey] = []
    for actor, spec, add_keys in changes:
        _validate(spec)
        fresh = [k for k in add_keys if k not in keys[actor.pk]]
        if spec == spec_of(actor) and not fresh:
            continue
        for name in ACTOR_FIELDS:
            setattr(actor, name, getattr(spec, name))
        for column, value in derived_columns(spec).items():
            setattr(actor, column, value)
        keys[actor.pk].extend(fresh)
        new_keys += [SourceKey(actor=actor, source=s, key=k) for s, k in fresh]
        changed.append(actor)
    Actor.objects.bulk_update(changed, [*ACTOR_FIELDS, *DERIVED_COLUMNS])
    SourceKey.objects.bulk_create(new_keys)
    record([(EventType.ACTOR_SAVED, actor_state(a, keys[a.pk])) for a in changed], at)
    return len(changed)


@transaction.atomic
def merge_actor(actor: Actor, into: Actor, at: dt.datetime | None = None) -> None:
    """Record that two actors are one; the duplicate's active endorsements move to the survivor."""
    if actor.pk == into.pk or into.merged_into_id is not None:
        raise RegistryError("an actor merges into another actor that is not itself merged")
    active = list(actor.endorsements.filter(status=Status.ACTIVE).select_related("agreement"))
    for endorsement in active:
        if into.endorsements.filter(agreement=endorsement.agreement, status=Status.ACTIVE).exists():
            raise RegistryError(
                f"{into.public_id} already endorses {endorsement.agreement.slug}: "
                "end one of the two endorsements first"
            )
    actor.merged_into = into
    actor.save(update_fields=["merged_into"])
    record([(EventType.ACTOR_MERGED, {"id": actor.public_id, "into": into.public_id})], at)
    for endorsement in active:
        end_endorsements([(endorsement, Status.REMOVED, Interval.day(today()))], at)
        start_endorsements(
            endorsement.agreement, [(into, endorsement.start)], endorsement.source, at
        )


# --- endorsements -------------------------------------------------------------------------


def _endorsement_event(kind: str, e: Endorsement) -> tuple[str, dict[str, Any]]:
    return kind, endorsement_state(e, e.agreement.slug, e.actor.public_id)


@transaction.atomic
def start_endorsements(
    agreement: Agreement,
    items: Sequence[tuple[Actor, Interval]],
    source: str = "",
    at: dt.datetime | None = None,
) -> list[Endorsement]:
    """Start endorsements, one `endorsement.started` each; an actor may have one active at once."""
    actor_ids = [actor.pk for actor, _ in items]
    if len(set(actor_ids)) != len(actor_ids):
        raise RegistryError("the same actor twice in one batch of endorsements")
    # Lock the actors: two writers starting the same actor's endorsement wait for each other,
    # and the second sees the first's active row below (a RegistryError, not an IntegrityError).
    list(Actor.objects.select_for_update().filter(pk__in=actor_ids).order_by("pk").values("pk"))
    numbers: dict[int, int] = {}
    active: set[int] = set()
    for row in (
        Endorsement.objects.filter(agreement=agreement, actor_id__in=actor_ids)
        .values("actor_id")
        .annotate(last=Max("number"))
    ):
        numbers[row["actor_id"]] = row["last"]
    active.update(
        Endorsement.objects.filter(
            agreement=agreement, actor_id__in=actor_ids, status=Status.ACTIVE
        ).values_list("actor_id", flat=True)
    )
    if active:
        raise RegistryError(f"{len(active)} actor(s) already endorse {agreement.slug}")
    rows = Endorsement.objects.bulk_create(
        Endorsement(
            agreement=agreement,
            actor=actor,
            number=numbers.get(actor.pk, 0) + 1,
            status=Status.ACTIVE,
            start_not_before=start.not_before,
            start_not_after=start.not_after,
            source=source,
        )
        for actor, start in items
    )
    record([_endorsement_event(EventType.ENDORSEMENT_STARTED, e) for e in rows], at)
    return rows


def _locked(items: Sequence[Endorsement]) -> dict[int, Endorsement]:
    """The rows of `items` as they are now, locked until the transaction ends (PostgreSQL:
    SELECT ... FOR UPDATE, in primary-key order so two writers cannot deadlock; SQLite's
    IMMEDIATE transactions already serialise writers). A concurrent change that committed
    first is seen here, so the checks below run on the current state, not a stale copy."""
    pks = [e.pk for e in items]
    if len(set(pks)) != len(pks):
        raise RegistryError("the same endorsement twice in one batch")
    rows = Endorsement.objects.select_for_update(of=("self",)).filter(pk__in=pks).order_by("pk")
    fresh = {row.pk: row for row in rows}
    if missing := [pk for pk in pks if pk not in fresh]:
        raise RegistryError(f"no endorsement with id {missing[0]}")
    return fresh


def _take_dates(target: Endorsement, source: Endorsement) -> None:
    """Bring the caller's copy up to date with the locked row before changing it."""
    for field in ("status", *INTERVAL_FIELDS):
        setattr(target, field, getattr(source, field))


INTERVAL_FIELDS = ("start_not_before", "start_not_after", "end_not_before", "end_not_after")


@transaction.atomic
def update_endorsement_starts(
    items: Sequence[tuple[Endorsement, Interval]], at: dt.datetime | None = None
) -> int:
    """Correct when endorsements started; one `endorsement.updated` per real change."""
    fresh = _locked([endorsement for endorsement, _ in items])
    changed = []
    for endorsement, start in items:
        _take_dates(endorsement, fresh[endorsement.pk])
        if endorsement.start == start:
            continue
        endorsement.start_not_before, endorsement.start_not_after = (
            start.not_before,
            start.not_after,
        )
        end = endorsement.end
        if end is not None and end.not_after < start.not_after:
            raise RegistryError(f"{endorsement}: would start after it ended")
        changed.append(endorsement)
    Endorsement.objects.bulk_update(changed, ["start_not_before", "start_not_after"])
    record([_endorsement_event(EventType.ENDORSEMENT_UPDATED, e) for e in changed], at)
    return len(changed)


@transaction.atomic
def end_endorsements(
    items: Sequence[tuple[Endorsement, str, Interval]], at: dt.datetime | None = None
) -> list[Endorsement]:
    """End active endorsements as `withdrawn` or `removed`, one `endorsement.ended` each.

    The status is checked on the row locked inside this transaction: of two writers ending the
    same endorsement at once (an import and a moderator), the second sees it ended and fails,
    so there is one `endorsement.ended` and a `withdrawn` is never turned into `removed`."""
    fresh = _locked([endorsement for endorsement, _, _ in items])
    for endorsement, status, end in items:
        _take_dates(endorsement, fresh[endorsement.pk])
        if endorsement.status != Status.ACTIVE:
            raise RegistryError(f"{endorsement}: already {endorsement.status}")
        if status not in (Status.WITHDRAWN, Status.REMOVED):
            raise RegistryError(f"an endorsement ends as withdrawn or removed, not {status!r}")
        if end.not_after < endorsement.start_not_after:
            raise RegistryError(f"{endorsement}: cannot end before it certainly started")
        endorsement.status = status
        endorsement.end_not_before, endorsement.end_not_after = end.not_before, end.not_after
    ended = [e for e, _, _ in items]
    Endorsement.objects.bulk_update(ended, ["status", "end_not_before", "end_not_after"])
    record([_endorsement_event(EventType.ENDORSEMENT_ENDED, e) for e in ended], at)
    return ended


# --- import bookkeeping -------------------------------------------------------------------


def note_snapshot(
    agreement: Agreement, source: str, taken_on: dt.date, reference: str = ""
) -> None:
    """Remember that a source's snapshot was imported: it dates the next snapshot's changes,
    and is the evidence a supporter's page cites (with `reference`, the day's first commit).

    Not a public change (no event): what the snapshot changed was recorded as events already.
    """
    snapshot, created = Snapshot.objects.get_or_create(
        agreement=agreement, source=source, taken_on=taken_on, defaults={"reference": reference}
    )
    if not created and reference and not snapshot.reference:
        snapshot.reference = reference  # the day's first commit: the one that first listed
        snapshot.save(update_fields=["reference"])


def note_observation(
    agreement: Agreement, source: str, kind: str, day: dt.date, label: str, path: str = ""
) -> None:
    """Remember that an outside source's list was read on `day` (its provenance, docs/spec.md
    §10). Bookkeeping, not a public change: no event; called in the import's own transaction."""
    row, created = ObservedSource.objects.get_or_create(
        agreement=agreement,
        source=source,
        defaults={
            "kind": kind, "label": label, "path": path,
            "first_observed": day, "last_observed": day,
        },
    )  # fmt: skip
    if created:
        _bookkeeping_changed()
        return
    first, last = min(row.first_observed, day), max(row.last_observed, day)
    if (first, last, row.kind, row.path) != (row.first_observed, row.last_observed, kind, path):
        row.first_observed, row.last_observed, row.kind, row.path = first, last, kind, path
        row.save(update_fields=["first_observed", "last_observed", "kind", "path"])
        _bookkeeping_changed()


def note_declarations(items: Sequence[tuple[Endorsement, str, dt.date, str]]) -> None:
    """Keep what sources declare about endorsements (endorsement, source, date, file): shown
    beside the evidence, never evidence itself. Bookkeeping, no event."""
    changed = False
    for endorsement, source, signed_on, file in items:
        named = file[:500]
        row = Declaration.objects.filter(endorsement=endorsement, source=source).first()
        if row is None:
            Declaration.objects.create(
                endorsement=endorsement, source=source, signed_on=signed_on, file=named
            )
        elif (row.signed_on, row.file) != (signed_on, named):
            row.signed_on, row.file = signed_on, named
            row.save(update_fields=["signed_on", "file"])
        else:
            continue
        changed = True
    if changed:
        _bookkeeping_changed()
