"""Typed query parameters whose OpenAPI schema says exactly which values are accepted.

A value outside them is a 422 with a readable message: dates are YYYY-MM-DD calendar dates,
countries ISO 3166-1 alpha-3 codes, groups the slugs of the curated catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from pactlog.groups.catalogue import all_groups
from pactlog.registry.countries import all_codes, is_country
from pactlog.web.params import check_window, clean_text, parse_day, year_pattern


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return check_window(value, "date")
    return parse_day(str(value), "date")


def _text(value: object) -> object:
    """Free text without NUL or control characters (PostgreSQL refuses NUL in any string)."""
    return clean_text(value) if isinstance(value, str) else value


def _country(value: str) -> str:
    code = value.upper()
    if not is_country(code):
        raise ValueError(f"must be an ISO 3166-1 alpha-3 code such as FRA, not {value!r}")
    return code


GROUP_SLUGS = [group.slug for group in all_groups()]


def _group(value: str) -> str:
    if value not in GROUP_SLUGS:
        raise ValueError(f"no group {value!r}; groups: {', '.join(GROUP_SLUGS)}")
    return value


SearchText = Annotated[str, BeforeValidator(_text)]
IsoDate = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": year_pattern(),
            "description": "YYYY-MM-DD, from 1900-01-01 to the end of next year.",
        },
    ),
]
CountryCode = Annotated[
    str, AfterValidator(_country), WithJsonSchema({"type": "string", "enum": all_codes()})
]
GroupSlug = Annotated[
    str, AfterValidator(_group), WithJsonSchema({"type": "string", "enum": GROUP_SLUGS})
]
