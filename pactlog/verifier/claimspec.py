"""A claim as entered: parsed and checked from the JSON format of `pactlog claims add` and the
API, with a message that says what to fix. One parser for the command, admin, API and form.

The format is that of the published-claims files (`{"agreement", "claims": [...]}`); each
claim has `source` {title, publisher, author, url, published}, `quote`, `as_of`, `kind` and
the fields of its kind:
- `count`: `quantity` (`total`, a category, or `group` with `group`), `op`, `value`,
  `tolerance_percent` (for `about`; 5 when omitted);
- `group-missing`: `group`, `missing` [ISO3];
- `states-absent`: `states` [ISO3];
- `launch-date`: `value` (the claimed day).

Pure Python 3.9, no Django: the stand-alone verifier parses the logged claims with it to
recompute their verdicts. The groups a claim may name are the application's catalogue
(`pactlog.claims.spec.parse_claim` passes it); without one any group slug is accepted, since
the verifier judges those claims with the memberships the site serves (`groupclaims`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from pactlog.verifier.canonical import canonical_json
from pactlog.verifier.claims import (
    CATEGORIES,
    MAX_VALUE,
    OPS,
    ClaimError,
    Comparison,
    Definition,
)
from pactlog.verifier.countries import is_country
from pactlog.verifier.intervals import EARLIEST, last_day

KINDS = ("count", "group-missing", "states-absent", "launch-date")
QUANTITIES = ("total", *CATEGORIES, "group")
DEFAULT_TOLERANCE = Decimal(5)
LIMITS = {"title": 300, "publisher": 200, "author": 200, "url": 500, "quote": 2000}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PUBLISHED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: The group slugs a claim may name, asked only when one names a group (None: any slug).
GroupSlugs = Callable[[], Iterable[str]]


def latest_day() -> dt.date:
    """The last day a claim may refer to: the end of next year (UTC), as for every date the
    site accepts (docs/api.md). No Django: the verifier parses claims without settings."""
    return last_day(dt.datetime.now(dt.timezone.utc).date())


def check_window(day: dt.date, what: str, launched_on: dt.date | None = None) -> dt.date:
    """`day` if it lies from the agreement's launch (else 1900) to the end of next year."""
    first, last = launched_on or EARLIEST, latest_day()
    if not first <= day <= last:
        raise ClaimError(f"{what} must be between {first} and {last}")
    return day


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str = ""
    author: str = ""
    url: str = ""
    #: YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source says, "" when unknown.
    published: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "url": self.url,
            "published": self.published,
        }


@dataclass(frozen=True)
class ClaimSpec:
    """One claim's public content, validated."""

    kind: str
    as_of: dt.date
    source: Source = field(default_factory=lambda: Source(""))
    quote: str = ""
    quantity: str = ""
    group: str = ""
    op: str = ""
    value: int | None = None
    tolerance_percent: Decimal | None = None
    states: tuple[str, ...] = ()
    claimed_date: dt.date | None = None

    def assertion(self) -> dict[str, Any]:
        """What the claim asserts, in the file format's own words."""
        out: dict[str, Any] = {"kind": self.kind, "as_of": self.as_of.isoformat()}
        if self.kind == "count":
            out.update(quantity=self.quantity, op=self.op, value=self.value)
            if self.group:
                out["group"] = self.group
            if self.tolerance_percent is not None:
                out["tolerance_percent"] = format(self.tolerance_percent.normalize(), "f")
        elif self.kind == "group-missing":
            out.update(group=self.group, missing=list(self.states))
        elif self.kind == "states-absent":
            out["states"] = list(self.states)
        else:
            assert self.claimed_date is not None
            out["value"] = self.claimed_date.isoformat()
        return out

    def public(self, agreement: str) -> dict[str, Any]:
        return {
            "agreement": agreement,
            "source": self.source.as_json(),
            "quote": self.quote,
            **self.assertion(),
        }

    @property
    def refers_after_publication(self) -> bool:
        """A claim about a day after its source was published (it cannot have known that
        day's count): entered by mistake more often than not, so it is flagged."""
        last = last_day_published(self.source.published)
        return last is not None and self.as_of > last

    def fingerprint(self, agreement: str) -> str:
        """A stable id from the content: adding the same claim twice finds the first."""
        return hashlib.sha256(canonical_json(self.public(agreement)).encode()).hexdigest()[:12]

    def definition(self) -> Definition:
        quantity = f"group:{self.group}" if self.quantity == "group" else self.quantity
        return Definition(quantity)

    def comparison(self) -> Comparison:
        assert self.value is not None
        tolerance = None if self.tolerance_percent is None else Fraction(self.tolerance_percent)
        return Comparison(self.op, self.value, tolerance)


def last_day_published(published: str) -> dt.date | None:
    """The last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` publication date can mean."""
    try:
        if len(published) == 10:
            return dt.date.fromisoformat(published)
        if len(published) == 7:
            year, month = int(published[:4]), int(published[5:])
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if len(published) == 4:
            return dt.date(int(published), 12, 31)
    except ValueError:
        return None
    return None


def after_publication_warning(spec: ClaimSpec) -> str:
    return (
        f"as_of {spec.as_of} is after the source's publication ({spec.source.published}): "
        "check the day the claim refers to"
    )


def shown(value: Any) -> str:
    """A rejected value as a message quotes it: short, whatever was sent."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _text(data: dict[str, Any], key: str, limit: int, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ClaimError(f"{key} must be text")
    value = value.strip()
    if required and not value:
        raise ClaimError(f"{key} is required")
    if len(value) > limit:
        raise ClaimError(f"{key} is at most {limit} characters")
    if _CONTROL.search(value):
        raise ClaimError(f"{key} contains control characters")
    return value


def _day(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ClaimError(f"{what} must be a date as YYYY-MM-DD, not {shown(value)}") from None
    return check_window(day, what)


def _source(data: Any) -> Source:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ClaimError("source must be an object with title, publisher, url, published")
    url = _text(data, "url", LIMITS["url"])
    if url and not re.match(r"^https?://[^\s]+$", url):
        raise ClaimError("source url must start with http:// or https://")
    published = data.get("published") or ""
    if published and not (isinstance(published, str) and _PUBLISHED.match(published)):
        raise ClaimError("source published must be YYYY, YYYY-MM or YYYY-MM-DD")
    if len(published) == 10:
        _day(published, "source published")
    elif len(published) == 7 and not 1 <= int(published[5:]) <= 12:
        raise ClaimError("source published has no such month")
    return Source(
        title=_text(data, "title", LIMITS["title"], required=True),
        publisher=_text(data, "publisher", LIMITS["publisher"]),
        author=_text(data, "author", LIMITS["author"]),
        url=url,
        published=published,
    )


def _states(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or len(value) > 300:
        raise ClaimError(f"{what} must be a list of ISO 3166-1 alpha-3 codes")
    codes = []
    for code in value:
        if not isinstance(code, str) or not is_country(code.upper()):
            raise ClaimError(f"{what}: {shown(code)} is not an ISO 3166-1 alpha-3 code")
        codes.append(code.upper())
    return tuple(dict.fromkeys(codes))


def _group(value: Any, group_slugs: GroupSlugs | None) -> str:
    if group_slugs is None:
        if not isinstance(value, str) or len(value) > 80 or not _SLUG.match(value):
            raise ClaimError(f"group must be a group's slug, not {shown(value)}")
        return value
    slugs = list(group_slugs())
    if value not in slugs:
        raise ClaimError(f"group must be one of {', '.join(slugs)}, not {shown(value)}")
    return str(value)


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ClaimError(f"{what} must be a whole number")
    if not 0 <= value <= MAX_VALUE:
        raise ClaimError(f"{what} must be between 0 and {MAX_VALUE}")
    return value


def _tolerance(value: Any) -> Decimal:
    if value is None:
        return DEFAULT_TOLERANCE
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ClaimError("tolerance_percent must be a number between 0 and 100")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ClaimError("tolerance_percent must be a number between 0 and 100") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ClaimError("tolerance_percent must be a number between 0 and 100")
    return number.quantize(Decimal("0.01")).normalize()


def parse_claim(
    data: Any, with_source: bool = True, group_slugs: GroupSlugs | None = None
) -> ClaimSpec:
    """A claim from its JSON form; `with_source=False` for checks that are not stored;
    `group_slugs` the groups it may name (None: any slug)."""
    if not isinstance(data, dict):
        raise ClaimError("a claim must be a JSON object")
    kind = data.get("kind")
    if kind not in KINDS:
        raise ClaimError(f"kind must be one of {', '.join(KINDS)}, not {shown(kind)}")
    source = _source(data.get("source")) if with_source else Source("")
    quote = _text(data, "quote", LIMITS["quote"], required=with_source) if with_source else ""
    as_of_raw = data.get("as_of")
    if as_of_raw is None and len(source.published) == 10:
        as_of_raw = source.published  # the publication day unless the text says otherwise
    if as_of_raw is None:
        raise ClaimError("as_of is required (the day the claim refers to, as YYYY-MM-DD)")
    as_of = _day(as_of_raw, "as_of")
    values: dict[str, Any] = {"kind": kind, "as_of": as_of, "source": source, "quote": quote}
    if kind == "count":
        quantity = data.get("quantity")
        if quantity not in QUANTITIES:
            raise ClaimError(
                f"quantity must be one of {', '.join(QUANTITIES)}, not {shown(quantity)}"
            )
        op = data.get("op")
        if op not in OPS:
            raise ClaimError(f"op must be one of {', '.join(OPS)}, not {shown(op)}")
        values.update(quantity=quantity, op=op, value=_whole(data.get("value"), "value"))
        if quantity == "group":
            values["group"] = _group(data.get("group"), group_slugs)
        if op == "about":
            values["tolerance_percent"] = _tolerance(data.get("tolerance_percent"))
        elif data.get("tolerance_percent") is not None:
            raise ClaimError("tolerance_percent only goes with op 'about'")
    elif kind == "group-missing":
        values.update(
            group=_group(data.get("group"), group_slugs),
            states=_states(data.get("missing"), "missing"),
        )
    elif kind == "states-absent":
        values["states"] = _states(data.get("states"), "states")
    else:
        values["claimed_date"] = _day(data.get("value"), "value (the claimed launch day)")
    return ClaimSpec(**values)
