"""Human words for registry values in the reader's language: vocabulary, countries, dates."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from pactlog.registry.countries import country_name
from pactlog.registry.dates import Interval
from pactlog.registry.vocabulary import Category, Nature, Status


def _choice(choices: type[Category] | type[Nature] | type[Status], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def babel_locale(lang: str) -> str:
    """English pages read British dates ("19 Nov 2019"), as the registry's vocabulary does."""
    return "en_GB" if lang == "en" else lang


def category(value: str) -> str:
    return _choice(Category, value)


#: Each category's noun, singular and plural, for counts ("1 state", "60 states"): lazy
#: ngettext, so `makemessages` records them as plural entries; `n` chooses the form.
CATEGORY_NOUNS: dict[str, Any] = {
    "state": ngettext_lazy("state", "states", "n"),
    "public-authority": ngettext_lazy("public authority", "public authorities", "n"),
    "civil-society": ngettext_lazy(
        "civil society organisation", "civil society organisations", "n"
    ),
    "private-sector": ngettext_lazy(
        "private sector organisation", "private sector organisations", "n"
    ),
    "international-organization": ngettext_lazy(
        "international organisation", "international organisations", "n"
    ),
}


def category_noun(value: str, n: int) -> str:
    """The category's noun in the plural form `n` takes in the reader's language (ngettext);
    a value the vocabulary does not know is printed as it is."""
    noun = CATEGORY_NOUNS.get(value)
    return str(noun % {"n": n}) if noun is not None else value


def nature(value: str) -> str:
    return _choice(Nature, value)


def status(value: str) -> str:
    return _choice(Status, value)


def country(code: str, lang: str) -> str:
    return country_name(code, lang) if code else ""


@lru_cache(maxsize=4096)
def _medium_date(day: dt.date, lang: str) -> str:
    """Babel's medium date, remembered: a list spells the same few dates hundreds of times,
    and each formatting parses the locale (most of a cold list page's time)."""
    return str(format_date(day, format="medium", locale=babel_locale(lang)))


def spell_interval(interval: Interval, lang: str) -> str:
    """ "on 19 Nov 2019", "between 1 Jan 2020 and 31 Dec 2020", "by 31 Dec 2019"."""
    last = _medium_date(interval.not_after, lang)
    if interval.not_before is None:
        return _("by %(date)s") % {"date": last}
    if interval.is_exact:
        return _("on %(date)s") % {"date": last}
    first = _medium_date(interval.not_before, lang)
    return _("between %(first)s and %(last)s") % {"first": first, "last": last}
