"""The columns of every supporter export, described once for the CSV and its table schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pactlog.registry.shapes import Supporter
from pactlog.registry.vocabulary import Category, Nature, Status

#: The languages of the `name_<code>` columns: the site's (a fixed list, so that the table
#: schema of a download never depends on the server's settings).
NAME_LANGUAGES = (("en", "English"), ("fr", "French"))


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)

    def table_schema_field(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.type == "date":
            described["format"] = "default"  # ISO 8601, YYYY-MM-DD
        if self.constraints:
            described["constraints"] = dict(self.constraints)
        return described


COLUMNS = [
    Column("id", "string", "The actor's stable public id.", {"required": True}),
    Column(
        "name",
        "string",
        "The actor's name (states: the English name). A name starting with = + - @ or a tab "
        "is prefixed with an apostrophe so that spreadsheets do not run it as a formula.",
        {"required": True},
    ),
    Column(
        "category", "string", "Supporter category.", {"required": True, "enum": Category.values}
    ),
    Column(
        "nature",
        "string",
        "Kind of organisation (empty when not stated, and for states).",
        {"enum": [value for value in Nature.values if value]},
    ),
    Column(
        "country",
        "string",
        "ISO 3166-1 alpha-3 code (empty when unknown).",
        {"pattern": "[A-Z]{3}"},
    ),
    Column(
        "start_not_before",
        "date",
        "The endorsement started on or after this day (empty: unknown).",
    ),
    Column(
        "start_not_after",
        "date",
        "The endorsement had certainly started by this day.",
        {"required": True},
    ),
    Column(
        "end_not_before", "date", "It ended on or after this day (empty: not ended or unknown)."
    ),
    Column("end_not_after", "date", "It had certainly ended by this day (empty: not ended)."),
    Column(
        "status",
        "string",
        "active; withdrawn (the actor asked); removed (it left the source list).",
        {"required": True, "enum": Status.values},
    ),
    # Added after the first columns, so that readers of those by position read them still.
    *(
        Column(
            f"name_{code}",
            "string",
            f"The organisation's name in {language}, when it gives one besides its own "
            "(empty otherwise, and for states); neutralised like `name`.",
        )
        for code, language in NAME_LANGUAGES
    ),
]

HEADER = [column.name for column in COLUMNS]


def row_of(supporter: Supporter) -> list[str]:
    """One CSV row from a supporter object of the query service (`queries.supporter_json`)."""
    start = supporter["start"]
    end = supporter["end"]
    values = [
        supporter["id"],
        supporter["name"],
        supporter["category"],
        supporter["nature"],
        supporter["country"],
        start["not_before"],
        start["not_after"],
        end["not_before"] if end else None,
        end["not_after"] if end else None,
        supporter["status"],
        *(supporter["names"].get(code) for code, _ in NAME_LANGUAGES),
    ]
    return ["" if value is None else str(value) for value in values]
