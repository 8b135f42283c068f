"""One supporter as a source lists it, checked and normalised the same way for every format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from pactlog.importing.countrynames import code_for_name
from pactlog.importing.normalise import (
    clean_website,
    looks_like_code,
    normalise_category,
    normalise_country,
    normalise_nature,
)
from pactlog.importing.report import Problems
from pactlog.registry.countries import country_name
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor
from pactlog.registry.services import ActorSpec
from pactlog.registry.text import clean_name
from pactlog.registry.vocabulary import ActorKind, Category

MAX_NAME_LENGTH = 500


@dataclass(frozen=True)
class Record:
    origin: str  # the file, or FILE:line, that problems and reports name
    key: str | None  # the source's own identifier, when it has one
    spec: ActorSpec
    start: Interval | None  # when the source says the endorsement started, if it is believed
    #: The date the source declares (`date_signed`) even where it is no evidence (a placeholder).
    declared: dt.date | None = None

    def spec_for(self, actor: Actor) -> ActorSpec:
        """The spec to give `actor`: the source's fields, and what no source carries kept as
        the actor has it (its names in other languages, from corrections), so that importing
        the same list again changes nothing."""
        return replace(self.spec, names=dict(actor.names or {}))


@dataclass(frozen=True)
class RawFields:
    """Text values as found; `*_hint` are a second opinion (from a file name) if one is empty."""

    name: str
    category: str
    nature: str = ""
    country: str = ""
    website: str = ""
    category_hint: str = ""
    country_hint: str = ""


def _category(raw: RawFields, origin: str, problems: Problems) -> str | None:
    stated = normalise_category(raw.category)
    hinted = normalise_category(raw.category_hint)
    if stated and hinted is None and raw.category_hint:
        problems.warn(
            origin, "category",
            f"file name says {raw.category_hint!r} but the entry says {stated!r}; kept {stated!r}",
        )  # fmt: skip
    elif stated and hinted and stated != hinted:
        problems.warn(
            origin, "category",
            f"file name says {hinted!r} but the entry says {stated!r}; kept {stated!r}",
        )  # fmt: skip
    if stated and stated != raw.category.strip().lower():
        problems.normalised(
            origin, "category", f"{raw.category.strip()!r} (an earlier spelling) read as {stated!r}"
        )
    if stated:
        return stated
    if hinted:
        what = (
            f"unknown category {raw.category.strip()!r}" if raw.category.strip() else "no category"
        )
        problems.warn(origin, "category", f"{what}; took {hinted!r} from the file name")
        return hinted
    where = f"{raw.category.strip()!r} is not a category" if raw.category.strip() else "no category"
    if raw.category_hint:
        where += f", nor is {raw.category_hint!r} in the file name"
    problems.error(
        origin, "category", f"{where} (one of {', '.join(Category.values)}); entry skipped"
    )
    return None


#: How the earliest lists wrote "a member state of the European Union" as a nationality.
EUROPEAN_UNION = "UE"


def _named_country(value: str, what: str, origin: str, problems: Problems) -> str:
    """A country written as a name (French or English, CLDR's), "" when none matches."""
    found = code_for_name(value)
    if found is None:
        return ""
    code, close = found
    how = "a close spelling of" if close else "the name of"
    problems.normalised(origin, "country", f"{what} {value!r} read as {code} ({how} {code})")
    return code


def _country(raw: RawFields, origin: str, problems: Problems, category: str) -> str:
    stated = raw.country.strip()
    if category == Category.STATE and (not stated or stated == EUROPEAN_UNION):
        # The earliest lists name the state itself and leave its nationality empty or `UE`.
        named = _named_country(clean_name(raw.name), "the state's name", origin, problems)
        if named:
            return named
    if stated == EUROPEAN_UNION:
        problems.normalised(
            origin, "country", f"{stated!r} (the European Union) is no single country; left empty"
        )
        return ""
    if stated and not looks_like_code(stated):
        named = _named_country(stated, "nationality", origin, problems)
        if named:
            return named
    value = stated or raw.country_hint.strip()
    if not raw.country.strip() and raw.country_hint.strip():
        problems.warn(
            origin, "country", f"no country in the entry; took {value!r} from the file name"
        )
    country, message = normalise_country(value)
    if message:
        problems.warn(origin, "country", message)
    return country


def make_spec(raw: RawFields, origin: str, problems: Problems) -> ActorSpec | None:
    """The actor's fields, or None (with an error reported) when the entry cannot be used."""
    name = clean_name(raw.name)
    if "**" in name:
        name = clean_name(name.replace("**", ""))
        problems.normalised(origin, "name", "stray '**' (Markdown bold) removed from names")
    if not name:
        problems.error(origin, "name", "no name; entry skipped")
        return None
    if len(name) > MAX_NAME_LENGTH:
        problems.error(
            origin, "name",
            f"name is {len(name):,} characters long, more than {MAX_NAME_LENGTH}; entry skipped",
        )  # fmt: skip
        return None
    category = _category(raw, origin, problems)
    if category is None:
        return None
    country = _country(raw, origin, problems, category)
    nature_raw = raw.nature.strip()[:200]
    if category == Category.STATE:
        if not country:
            problems.error(origin, "country", "a state needs a valid ISO code; entry skipped")
            return None
        return ActorSpec(
            kind=ActorKind.STATE,
            name=country_name(country, "en"),
            category=category,
            nature_raw=nature_raw,
            country=country,
        )
    nature = normalise_nature(nature_raw)
    if nature is None:
        problems.warn(origin, "nature", f"{nature_raw!r} is not in the vocabulary; read as 'other'")
        nature = "other"
    website, message = clean_website(raw.website)
    if message:
        problems.warn(origin, "website", message)
    return ActorSpec(
        kind=ActorKind.ORGANISATION,
        name=name,
        category=category,
        nature=nature,
        nature_raw=nature_raw,
        country=country,
        website=website,
    )
