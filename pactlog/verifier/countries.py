"""Countries' names without Babel or pycountry: the stand-alone verifier compares the English
ones with what the API serves, and says changes in English or French. `countries_LANG.json` is
generated from the application's `pactlog.registry.countries`
(`python -m pactlog.registry.countries LANG > pactlog/verifier/countries_LANG.json`); a test
checks that each table agrees with it for every ISO 3166-1 alpha-3 code."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
NAMES_FILE = FOLDER / "countries_en.json"
LANGUAGES = ("en", "fr")
"""The languages a table ships for (each `countries_LANG.json` is in the wheel)."""


def names_file(lang: str) -> Path:
    return FOLDER / f"countries_{lang}.json"


@cache
def _names(lang: str = "en") -> dict[str, str]:
    names: dict[str, str] = json.loads(names_file(lang).read_text(encoding="utf-8"))
    return names


def country_name(code: str, lang: str = "en") -> str:
    """The country's name in `lang` (English for a language without a table; "" for a code
    that is not ISO 3166-1 alpha-3)."""
    return _names(lang if lang in LANGUAGES else "en").get(code, "")


def country_name_en(code: str) -> str:
    """The country's English name ("" for a code that is not ISO 3166-1 alpha-3)."""
    return country_name(code, "en")


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-3 code (the table's; a test checks pycountry's)."""
    return code in _names()
