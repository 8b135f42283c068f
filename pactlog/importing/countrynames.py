"""Countries written as names, as the Paris Call site's earliest lists did (`Etats-Unis`,
`Suède`, `République d'Arménie`): read with the CLDR names the registry shows (Babel), in
French and English, accents and case folded; formal prefixes and known spellings mapped."""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz, process

from pactlog.registry.countries import all_codes, country_name
from pactlog.registry.text import fold_identity

#: Folded names CLDR does not give (older official names); checked before anything else.
ALIASES = {
    "republiquetcheque": "CZE",
    "anciennerepubliqueyougoslavedemacedoine": "MKD",
    "macedoine": "MKD",
    "republiqueducongo": "COG",
    "republiquedemocratiqueducongo": "COD",
}

#: Formal prefixes of a state's name ("République de Maurice" is Maurice), folded.
PREFIXES = (
    "etatindependantde", "republiquede", "republiquedu", "republiquedes", "republiqued",
    "principautede", "principautedu", "royaumede", "royaumedu", "royaumedes", "grandduchede",
    "etatdu", "etatde", "etatd",
)  # fmt: skip

#: How close (rapidfuzz ratio) a misspelt name must be to a CLDR name to be read as it.
CLOSE_ENOUGH = 85


@cache
def _names() -> dict[str, str]:
    """Folded CLDR name (French and English) -> ISO alpha-3."""
    names: dict[str, str] = {}
    for code in all_codes():
        for lang in ("en", "fr"):
            folded = fold_identity(country_name(code, lang))
            if folded:
                names.setdefault(folded, code)
    return names


def _exact(folded: str) -> str | None:
    return ALIASES.get(folded) or _names().get(folded)


def code_for_name(text: str) -> tuple[str, bool] | None:
    """(ISO alpha-3, whether it was a close spelling rather than a name) or None."""
    folded = fold_identity(text)
    if not folded:
        return None
    found = _exact(folded)
    if found:
        return found, False
    for prefix in PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            found = _exact(folded[len(prefix) :])
            if found:
                return found, False
    best = process.extractOne(folded, list(_names()), scorer=fuzz.ratio, score_cutoff=CLOSE_ENOUGH)
    if best is None:
        return None
    return _names()[best[0]], True
