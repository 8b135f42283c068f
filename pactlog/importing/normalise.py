"""Turning a source's loose values into the registry's words, reporting every guess made."""

from __future__ import annotations

from pactlog.registry.countries import is_country
from pactlog.registry.text import fold_search
from pactlog.registry.vocabulary import Category, Nature

#: Codes real lists use that ISO 3166-1 alpha-3 does not (or no longer) define.
LEGACY_COUNTRY_CODES = {
    "ROM": "ROU",  # Romania, before 2002
    "SCG": "SRB",  # Serbia and Montenegro, for Serbia
    "MTG": "MNE",  # a home-made code for Montenegro
    "ZAR": "COD",  # Zaire
    "TMP": "TLS",  # East Timor
    "UK": "GBR",
}

#: Folded labels (French and English, as sources write them) -> nature.
NATURE_LABELS: dict[str, str] = {
    label: nature
    for nature, labels in {
        Nature.COMPANY: [
            "entreprise", "company", "business", "corporation", "operateur", "operator",
        ],
        Nature.PROFESSIONAL_ASSOCIATION: [
            "association professionnelle", "professional association", "federation",
            "trade association", "industry association",
        ],
        Nature.CHAMBER_OF_COMMERCE: ["chambre de commerce", "chamber of commerce"],
        Nature.NGO: [
            "ong", "ngo", "organisation a but non lucratif", "organization a but non lucratif",
            "non-profit organisation", "non-profit organization", "non-profit", "nonprofit",
            "association",
        ],
        Nature.FOUNDATION: ["fondation", "foundation"],
        Nature.THINK_TANK: ["think tank", "think-tank", "groupe de reflexion"],
        Nature.UNIVERSITY: ["universite", "university", "academie", "academy"],
        Nature.RESEARCH_CENTRE: [
            "centre de recherche", "research centre", "research center", "centre d'excellence",
            "centre of excellence", "center of excellence", "laboratoire", "laboratory",
        ],
        Nature.SCHOOL: ["ecole", "school", "lycee", "high school"],
        Nature.LOCAL_GOVERNMENT: [
            "collectivite locale", "local government", "etat federe", "federated state",
            "region", "municipality", "city",
        ],
        Nature.PUBLIC_BODY: [
            "organisme public", "public body", "agence", "agency", "autorite independante",
            "independent authority", "groupement d'interet public", "commission consultative",
            "ministere", "ministry",
        ],
        Nature.INTERNATIONAL_ORGANIZATION: [
            "organisation internationale", "international organisation",
            "international organization",
        ],
        Nature.OTHER: ["forum", "autre", "other"],
    }.items()
    for label in labels
}  # fmt: skip


def normalise_nature(raw: str) -> str | None:
    """The nature for a label; "" for no label; None for a label the vocabulary lacks."""
    folded = fold_search(raw)
    if not folded:
        return ""
    return NATURE_LABELS.get(folded)


def normalise_category(raw: str) -> str | None:
    """The category; the earliest lists' `private_sector` spelling reads as `private-sector`."""
    value = raw.strip().lower()
    if value in Category.values:
        return value
    hyphenated = value.replace("_", "-")
    return hyphenated if hyphenated in Category.values else None


def looks_like_code(raw: str) -> bool:
    """Whether a country value is written as a code (`FRA`, `UK`), not as a name."""
    value = raw.strip()
    return 2 <= len(value) <= 3 and value.isascii() and value.isalpha() and value.isupper()


def normalise_country(raw: str) -> tuple[str, str | None]:
    """(ISO alpha-3 or "", a message when the value needed mapping or was dropped)."""
    code = raw.strip().upper()
    if not code:
        return "", "no country given"
    if code in LEGACY_COUNTRY_CODES:
        mapped = LEGACY_COUNTRY_CODES[code]
        return mapped, f"legacy code {code} read as {mapped}"
    if is_country(code):
        return code, None
    return "", f"{raw.strip()!r} is not an ISO 3166-1 alpha-3 code; country left empty"


def clean_website(raw: str) -> tuple[str, str | None]:
    """Only http(s) addresses are kept, so a page never links to `javascript:` or a file."""
    value = raw.strip()
    if not value:
        return "", None
    lowered = value.lower()
    if lowered.startswith(("http://", "https://")) and " " not in value and len(value) <= 500:
        return value, None
    if lowered.startswith("www.") and " " not in value and len(value) <= 490:
        return f"https://{value}", f"{value!r} read as https://{value}"
    return "", f"{value[:80]!r} is not a web address; not imported"
