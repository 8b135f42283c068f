"""The API's response shapes: the command line's `--json` output, typed. A supporter and its
dates are the registry's one shape (`registry.shapes`)."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict, Field

from pactlog.registry.shapes import Interval, Supporter


class ObservedSource(Schema):
    """Where the list comes from: an imported source and the days it was read, or `managed`."""

    name: str
    kind: str = Field(description="git, folder, csv, or managed (kept in pactlog itself).")
    label: str
    path: str
    first_observed: str | None = Field(json_schema_extra={"format": "date"})
    last_observed: str | None = Field(json_schema_extra={"format": "date"})


class Provenance(Schema):
    observed_until: str | None = Field(
        json_schema_extra={"format": "date"},
        description="The last day an imported source was read; a later as_of repeats that "
        "reading. Null for an agreement managed in pactlog.",
    )
    sources: list[ObservedSource]


class Counts(Provenance):
    agreement: str
    as_of: str = Field(json_schema_extra={"format": "date"})
    total: int
    uncertain: int
    by_category: dict[str, int]


class SupporterPage(Provenance):
    agreement: str
    as_of: str = Field(json_schema_extra={"format": "date"})
    count: int = Field(description="Supporters in force in the whole selection, not this page.")
    uncertain: int
    page: int
    page_size: int
    next: str | None = Field(description="URL of the next page, null on the last.")
    previous: str | None = Field(description="URL of the previous page, null on the first.")
    supporters: list[Supporter]


class Changes(Schema):
    agreement: str
    # "from" is a Python keyword: the field is named by its alias.
    from_: str = Field(alias="from", json_schema_extra={"format": "date"})
    to: str = Field(json_schema_extra={"format": "date"})
    joined: list[Supporter]
    left: list[Supporter]
    uncertain: list[Supporter]

    model_config = ConfigDict(populate_by_name=True)


class Coverage(Schema):
    agreement: str
    group: str
    as_of: str = Field(json_schema_extra={"format": "date"})
    members: list[str]
    endorsed: list[str]
    absent: list[str]
    uncertain: list[str]


class Translated(Schema):
    en: str
    fr: str


class PrincipleOut(Schema):
    number: int
    title: Translated
    text: Translated


class AgreementSummary(Schema):
    slug: str
    title: Translated
    summary: Translated
    text_url: str
    launched_on: str | None = Field(json_schema_extra={"format": "date"})
    categories: list[str]
    languages: list[str]
    is_example: bool


class AgreementDetail(AgreementSummary):
    text: Translated
    principles: list[PrincipleOut]


class NonStateMember(Schema):
    """A member without an ISO code (the African Union in the G20): never counted as a state."""

    id: str
    name: str
    names: dict[str, str]


class GroupOut(Schema):
    """A group as of a date; fields the catalogue adds beyond these are passed through."""

    slug: str
    name: str
    names: dict[str, str]
    source_url: str
    as_of: str = Field(json_schema_extra={"format": "date"})
    members: list[str]
    non_state_members: list[NonStateMember]

    model_config = ConfigDict(extra="allow")


class Evidence(Schema):
    """One fact a date rests on: a list that held (or did not hold) the supporter, read from a
    source on a day (with its commit and file), a moderator's approval, or a recorded change."""

    bound: str = Field(description="start.not_before, start.not_after, end.not_before, ...")
    kind: str = Field(description="listed, not_listed, declared, approved, given or recorded.")
    day: str = Field(json_schema_extra={"format": "date"})
    source: str
    label: str
    commit: str | None
    files: list[str]
    log_entry: int | None = Field(description="The log entry (event number), if one.")


class ActorEndorsement(Schema):
    agreement: str
    number: int
    status: str
    start: Interval
    end: Interval | None
    evidence: list[Evidence]


class ActorOut(Schema):
    id: str
    kind: str
    name: str = Field(description="As the actor writes itself (states: the English name).")
    names: dict[str, str] = Field(
        description="Its name in the site's other languages, by language code: "
        '{"en": "French National Cybersecurity Agency"} ({} when it gives none).'
    )
    category: str
    nature: str
    nature_raw: str
    country: str | None
    website: str
    wikidata: str
    lei: str
    merged_into: str | None
    endorsements: list[ActorEndorsement]
