"""The registry's tables (docs/spec.md §3).

Rows are written only by `pactlog.registry.services`, which records one `Event` per public
change in the same transaction. Admin forms for these models are read-only for that reason.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language

from pactlog.registry.countries import country_name
from pactlog.registry.dates import Interval
from pactlog.registry.text import sort_key
from pactlog.registry.vocabulary import (
    DEFAULT_CATEGORIES,
    ActorKind,
    Category,
    EventType,
    Nature,
    Status,
)


def default_categories() -> list[str]:
    return list(DEFAULT_CATEGORIES)


def default_languages() -> list[str]:
    return ["en", "fr"]


def _in_language(obj: Any, field: str, lang: str | None) -> str:
    """The field in the reader's language, falling back to English."""
    lang = (lang or get_language() or "en")[:2]
    return str(getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_en", ""))


class Agreement(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    title_en = models.CharField(max_length=300)
    title_fr = models.CharField(max_length=300, blank=True)
    summary_en = models.TextField(blank=True)
    summary_fr = models.TextField(blank=True)
    text_en = models.TextField(blank=True)
    text_fr = models.TextField(blank=True)
    text_url = models.URLField(blank=True, help_text="Where the authoritative text is published.")
    launched_on = models.DateField(null=True, blank=True)
    categories = models.JSONField(default=default_categories)
    languages = models.JSONField(default=default_languages)
    is_example = models.BooleanField(
        default=False, help_text="Generated example data, labelled as such wherever it shows."
    )

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def title(self, lang: str | None = None) -> str:
        return _in_language(self, "title", lang)

    def summary(self, lang: str | None = None) -> str:
        return _in_language(self, "summary", lang)

    def text(self, lang: str | None = None) -> str:
        return _in_language(self, "text", lang)


class Principle(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="principles")
    number = models.PositiveSmallIntegerField()
    title_en = models.CharField(max_length=300)
    title_fr = models.CharField(max_length=300, blank=True)
    text_en = models.TextField(blank=True)
    text_fr = models.TextField(blank=True)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="principle_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.slug} #{self.number}"

    def title(self, lang: str | None = None) -> str:
        return _in_language(self, "title", lang)

    def text(self, lang: str | None = None) -> str:
        return _in_language(self, "text", lang)


def written_name(kind: str, country: str, name: str, lang: str | None = None) -> str:
    """The name as the actor writes itself: what the API's and the exports' `name` say; states
    are named by Babel in the reader's language, never by a stored string (`Actor.written_name`,
    and lists read as columns)."""
    if kind == ActorKind.STATE and country:
        return country_name(country, (lang or get_language() or "en")[:2]) or name
    return name


def display_name(kind: str, country: str, name: str, names: Any, lang: str | None = None) -> str:
    """The name a reader of `lang` sees: the organisation's form in that language when it gives
    one (`names`), else the name as it writes itself (`written_name`)."""
    code = (lang or get_language() or "en")[:2]
    if kind != ActorKind.STATE and isinstance(names, dict):
        other = names.get(code)
        if isinstance(other, str) and other:
            return other
    return written_name(kind, country, name, code)


#: Each site language's sort key column on `Actor` (docs/data-model.md): what lists sort by.
SORT_COLUMNS = {"en": "sort_en", "fr": "sort_fr"}
SORT_KEY_LENGTH = 200


def sort_column(lang: str | None) -> str:
    """The column a list read in `lang` sorts by (English for a language the site lacks)."""
    return SORT_COLUMNS.get((lang or "en")[:2], SORT_COLUMNS["en"])


def sort_keys(kind: str, country: str, name: str, names: Any) -> dict[str, str]:
    """The sort key columns' values: the folded name each language's reader sees. Derived, like
    `search_text`: never in an event, recomputed by the audit."""
    return {
        column: sort_key(display_name(kind, country, name, names, lang), SORT_KEY_LENGTH)
        for lang, column in SORT_COLUMNS.items()
    }


class SortKeyField(models.CharField):  # type: ignore[type-arg]
    """Text compared code point by code point on every database: SQLite's default, and
    PostgreSQL's collation "C", so a list's order never depends on the server's locale."""

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class Actor(models.Model):
    public_id = models.SlugField(unique=True, max_length=80)
    kind = models.CharField(max_length=20, choices=ActorKind.choices)
    name = models.CharField(
        max_length=500, help_text="As the actor writes itself (states: as the source wrote it)."
    )
    #: The organisation's name in the site's other languages, by language code, e.g.
    #: {"en": "French National Cybersecurity Agency"}: only the forms it gives besides `name`
    #: (never the same text again); empty for states, which Babel names in every language.
    names = models.JSONField(default=dict, blank=True)
    category = models.CharField(max_length=40, choices=Category.choices)
    nature = models.CharField(max_length=40, choices=Nature.choices, blank=True)
    nature_raw = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=3, blank=True, db_index=True)
    website = models.CharField(max_length=500, blank=True)
    wikidata = models.CharField(max_length=20, blank=True)
    lei = models.CharField(max_length=20, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    #: Folded names (and a state's names in every language) for accent-insensitive search.
    search_text = models.TextField(blank=True, editable=False)
    #: The folded name a reader of each language sees (`sort_keys`): what supporter lists sort by.
    sort_en = SortKeyField(max_length=SORT_KEY_LENGTH, blank=True, default="", editable=False)
    sort_fr = SortKeyField(max_length=SORT_KEY_LENGTH, blank=True, default="", editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [
            # Coverage starts from the ~200 states, not from every actor.
            models.Index(fields=["country"], condition=Q(kind="state"), name="actor_state_idx"),
            # Supporter lists filtered by country and category.
            models.Index(fields=["country", "category"], name="actor_country_category_idx"),
            # A list's first pages in the reader's order read a few rows of these, not a sort
            # of every endorsement (`queries.ordered`).
            models.Index(fields=["sort_en", "public_id"], name="actor_sort_en_idx"),
            models.Index(fields=["sort_fr", "public_id"], name="actor_sort_fr_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(kind=ActorKind.STATE, merged_into__isnull=True),
                name="one_actor_per_state",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def written_name(self, lang: str | None = None) -> str:
        return written_name(self.kind, self.country, self.name, lang)

    def display_name(self, lang: str | None = None) -> str:
        return display_name(self.kind, self.country, self.name, self.names, lang)


class SourceKey(models.Model):
    """How an outside source identifies an actor (e.g. the Paris Call site's file slug)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="source_keys")
    source = models.CharField(max_length=100)
    key = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="source_key_unique")]

    def __str__(self) -> str:
        return f"{self.source}:{self.key}"


class Endorsement(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="endorsements")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="endorsements")
    #: 1 for an actor's first endorsement of the agreement, 2 if it endorses again later, ...
    number = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    start_not_before = models.DateField(null=True, blank=True)
    start_not_after = models.DateField()
    end_not_before = models.DateField(null=True, blank=True)
    end_not_after = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["agreement", "start_not_after"], name="endorsement_start_idx"),
            models.Index(fields=["agreement", "end_not_before"], name="endorsement_end_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "actor", "number"], name="endorsement_number_unique"
            ),
            models.UniqueConstraint(
                fields=["agreement", "actor"],
                condition=Q(status=Status.ACTIVE),
                name="one_active_endorsement",
            ),
            models.CheckConstraint(
                condition=Q(start_not_before__isnull=True)
                | Q(start_not_before__lte=F("start_not_after")),
                name="start_interval_ordered",
            ),
            models.CheckConstraint(
                condition=Q(end_not_before__isnull=True)
                | Q(end_not_before__lte=F("end_not_after")),
                name="end_interval_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.ACTIVE, end_not_after__isnull=True)
                | (~Q(status=Status.ACTIVE) & Q(end_not_after__isnull=False)),
                name="ended_iff_not_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} endorses {self.agreement}"

    @property
    def start(self) -> Interval:
        return Interval(self.start_not_before, self.start_not_after)

    @property
    def end(self) -> Interval | None:
        if self.end_not_after is None:
            return None
        return Interval(self.end_not_before, self.end_not_after)


class Event(models.Model):
    """One public change; append-only, numbered from 0 without gaps (see services.record)."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    type = models.CharField(max_length=40, choices=EventType.choices)
    recorded_at = models.DateTimeField()
    payload = models.TextField(help_text="Canonical JSON: sorted keys, no spaces, UTF-8.")
    #: The public id of the actor the event is about ("" for agreements): an index for an
    #: actor's history, derived from the payload, never part of what the log holds.
    actor = models.CharField(max_length=80, blank=True, db_index=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.type}"


class EventCounter(models.Model):
    """A single row locked while events are numbered, so concurrent writers never share a seq."""

    next_seq = models.PositiveBigIntegerField(default=0)
    #: Changes of bookkeeping that pages show without being public changes (an import that read
    #: its source again moves the "last read on" notice): with `next_seq`, the caches' version.
    bookkeeping = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"next event: #{self.next_seq}"


class Snapshot(models.Model):
    """An imported snapshot of an outside source: import bookkeeping, not public registry data."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="snapshots")
    source = models.CharField(max_length=100)
    taken_on = models.DateField()
    imported_at = models.DateTimeField(auto_now_add=True)
    #: What the day's list was read from, when the source names it: a git commit's id.
    reference = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["agreement", "source", "taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "source", "taken_on"], name="snapshot_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.taken_on}"


class Declaration(models.Model):
    """What a source itself declares about an endorsement (the Paris Call's `date_signed`),
    shown apart from the evidence: where it is a placeholder it never dated anything."""

    endorsement = models.ForeignKey(
        Endorsement, on_delete=models.CASCADE, related_name="declarations"
    )
    source = models.CharField(max_length=100)
    signed_on = models.DateField()
    file = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["endorsement", "source"], name="declaration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.endorsement_id}/{self.source}: {self.signed_on}"


class ObservedSource(models.Model):
    """An outside source an agreement's list is read from, and the days it was read there.

    Public provenance (the label, the folder, the days), never the server's own file paths:
    a count shown as of a later day than `last_observed` says the list may have changed since.
    """

    class Kind(models.TextChoices):
        GIT = "git", "git repository"
        FOLDER = "folder", "snapshot folder"
        CSV = "csv", "CSV file"

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="observed_sources"
    )
    source = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=200, help_text="What readers are told, e.g. a site.")
    path = models.CharField(max_length=500, blank=True, help_text="The folder in a repository.")
    first_observed = models.DateField()
    last_observed = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "source"], name="observed_source_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}/{self.source} {self.first_observed}..{self.last_observed}"
