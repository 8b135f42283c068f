"""One parser per kind of request parameter, shared by the site, groups, API and exports.

Every refusal raises `DateError` or `QueryError` with a message, in the reader's language, that
says what to fix; `pactlog.web.errors` turns them into 400 pages or `{"detail"}` JSON. The bounds
here are what keeps one URL from tying up a worker: dates inside a window around the present,
page numbers of a few digits, free text without NUL or control characters and of bounded length.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.http import QueryDict
from django.utils.translation import gettext as _

from pactlog.registry.countries import is_country
from pactlog.registry.dates import EARLIEST, DateError, last_day, today
from pactlog.registry.queries import MAX_QUERY_LENGTH, NotFound, QueryError

#: Page numbers beyond this are refused before any counting (1,000,000 pages of 50 rows).
MAX_PAGE = 1_000_000
MAX_SLUG_LENGTH = 100

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_WHOLE = re.compile(r"[0-9]{1,7}", re.ASCII)
_SLUG = re.compile(r"[-a-zA-Z0-9_]+", re.ASCII)


def latest() -> dt.date:
    """The last date a question may name, as of the registry's today (`dates.last_day`)."""
    return last_day(today())


def year_pattern(first: int = EARLIEST.year, last: int | None = None) -> str:
    """A regular expression of the YYYY-MM-DD dates whose year is in [first, last]
    (first a multiple of 100), for the API's OpenAPI document."""
    last = latest().year if last is None else last
    years = [f"{century}\\d\\d" for century in range(first // 100, last // 100)]
    for decade in range(last // 100 * 10, last // 10 + 1):
        top = min(9, last - decade * 10)
        years.append(f"{decade}\\d" if top == 9 else f"{decade}[0-{top}]")
    return f"^({'|'.join(years)})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$"


def date_window(earliest: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """`(first, last)` accepted: from `earliest` (an agreement's launch) or 1900 to a year ahead."""
    return (earliest or EARLIEST), latest()


def parse_day(text: str, name: str, earliest: dt.date | None = None) -> dt.date:
    """A YYYY-MM-DD calendar date inside `date_window(earliest)`; anything else is a DateError."""
    text = text.strip()
    day: dt.date | None = None
    if _DAY.fullmatch(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = None
    if day is None:
        raise DateError(
            _("%(name)s must be a date as YYYY-MM-DD, not %(value)s")
            % {"name": name, "value": repr(clean_text(text[:40]))}
        )
    check_window(day, name, earliest)
    return day


def check_window(day: dt.date, name: str, earliest: dt.date | None = None) -> dt.date:
    """`day` if it is inside the window, else a DateError naming the window."""
    first, last = date_window(earliest)
    if not first <= day <= last:
        raise DateError(
            _("%(name)s must be between %(first)s and %(last)s, not %(value)s")
            % {
                "name": name,
                "first": first.isoformat(),
                "last": last.isoformat(),
                "value": day.isoformat(),
            }
        )
    return day


def optional_day(
    text: str | None, name: str, default: dt.date | None = None, earliest: dt.date | None = None
) -> dt.date:
    """An optional date parameter: absent or empty means `default`, or today."""
    if text is None or not text.strip():
        return default or today()
    return parse_day(text, name, earliest)


def as_of_date(
    params: QueryDict,
    name: str = "as_of",
    default: dt.date | None = None,
    earliest: dt.date | None = None,
) -> dt.date:
    """The date parameter `name` of a query string (default: today)."""
    return optional_day(params.get(name), name, default, earliest)


def page_number(text: str | None, name: str = "page") -> int:
    """A page number from 1 to MAX_PAGE: ASCII digits only (no '²', no 5,000-digit numbers)."""
    text = (text or "").strip() or "1"
    if not _WHOLE.fullmatch(text) or not 1 <= int(text) <= MAX_PAGE:
        raise QueryError(
            _("%(name)s must be a whole number from 1 to %(max)s, not %(value)s")
            % {"name": name, "max": MAX_PAGE, "value": repr(clean_text(text[:20]))}
        )
    return int(text)


def clean_text(text: str | None) -> str:
    """`text` without NUL, control, format or surrogate characters, trimmed.

    PostgreSQL refuses NUL in any string; the others have no place in a search or a slug and
    make confusing pages and logs."""
    if not text:
        return ""
    kept = (
        " " if ch in "\t\r\n" else ch
        for ch in text
        if ch in "\t\r\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Co")
    )
    return "".join(kept).strip()


def free_text(text: str | None, name: str = "q", max_length: int = MAX_QUERY_LENGTH) -> str:
    """A free-text parameter, cleaned, at most `max_length` characters."""
    cleaned = clean_text(text)
    if len(cleaned) > max_length:
        raise QueryError(
            _("%(name)s is at most %(max)s characters") % {"name": name, "max": max_length}
        )
    return cleaned


def is_slug(text: str) -> bool:
    return len(text) <= MAX_SLUG_LENGTH and bool(_SLUG.fullmatch(text))


def slug(text: str | None, what: str = "agreement") -> str:
    """A slug or public id from a URL path; anything else names nothing we have: NotFound."""
    text = text or ""
    if not is_slug(text):
        raise NotFound(
            _("no %(what)s %(value)s") % {"what": what, "value": repr(clean_text(text[:40]))}
        )
    return text


def country_code(text: str | None, name: str = "country") -> str:
    """An ISO 3166-1 alpha-3 code (any case), or the empty string when absent."""
    code = clean_text(text)[:40].upper()
    if code and not is_country(code):
        raise QueryError(
            _("%(name)s must be an ISO 3166-1 alpha-3 code such as FRA, not %(value)s")
            % {"name": name, "value": repr(code)}
        )
    return code


def choice(text: str | None, name: str, allowed: list[str] | tuple[str, ...]) -> str:
    """One of `allowed`, or the empty string when absent."""
    value = clean_text(text)
    if value and value not in allowed:
        raise QueryError(
            _("%(name)s must be one of %(allowed)s, not %(value)s")
            % {"name": name, "allowed": ", ".join(allowed), "value": repr(value[:40])}
        )
    return value
