"""Countries' English names without Babel or pycountry: the stand-alone verifier compares them
with what the API serves. `countries_en.json` is generated from the application's
`pactlog.registry.countries` (`python -m pactlog.registry.countries > ...`); a test checks that
the two agree for every ISO 3166-1 alpha-3 code."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

NAMES_FILE = Path(__file__).resolve().parent / "countries_en.json"


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    return names


def country_name_en(code: str) -> str:
    """The country's English name ("" for a code that is not ISO 3166-1 alpha-3)."""
    return _names().get(code, "")


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-3 code (the table's; a test checks pycountry's)."""
    return code in _names()
