"""Countries' English names without Babel or pycountry: the stand-alone verifier compares them
with what the API serves. `countries_en.json` is generated from the application's
`pactlog.registry.countries` (`python -m pactlog.verifier.countries > ...`); a test checks that
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


if __name__ == "__main__":  # pragma: no cover - regenerates the table from Babel
    from pactlog.registry.countries import all_codes, country_name

    table = {code: country_name(code, "en") for code in all_codes()}
    print(json.dumps(table, indent=0, sort_keys=True, ensure_ascii=False))
