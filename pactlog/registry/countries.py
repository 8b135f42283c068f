"""Countries by ISO 3166-1 alpha-3, named through Babel in any language.

pycountry and Babel are imported on first use: loading them is a good part of a command's
start-up, and most commands never name a country.
"""

from __future__ import annotations

from functools import cache


@cache
def _alpha2_by_alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def is_country(code: str) -> bool:
    return code in _alpha2_by_alpha3()


def alpha2(code: str) -> str | None:
    return _alpha2_by_alpha3().get(code)


@cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(lang).territories)


def country_name(code: str, lang: str = "en") -> str:
    """The country's name in `lang` ("" for a code that is not ISO 3166-1 alpha-3)."""
    a2 = alpha2(code)
    if a2 is None:
        return ""
    names = _territories(lang[:2] if lang else "en")
    if a2 in names:
        return str(names[a2])
    import pycountry

    country = pycountry.countries.get(alpha_2=a2)
    return str(country.name) if country is not None else ""


def all_codes() -> list[str]:
    return sorted(_alpha2_by_alpha3())


if __name__ == "__main__":  # pragma: no cover - the stand-alone verifier's tables of names
    # python -m pactlog.registry.countries fr > pactlog/verifier/countries_fr.json
    import json
    import sys

    lang = sys.argv[1] if len(sys.argv) > 1 else "en"
    table = {code: country_name(code, lang) for code in all_codes()}
    print(json.dumps(table, indent=0, sort_keys=True, ensure_ascii=False))
