"""Reading supporters from a CSV file (docs/spec.md §4), one problem per bad line or cell.

Columns: name, category, country, nature, website, start_not_before, start_not_after;
`endorsed_on` may stand for both dates. `name` and `category` are required, the rest optional.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from pactlog.importing.records import RawFields, Record, make_spec
from pactlog.importing.report import Problems
from pactlog.registry.dates import Interval

REQUIRED = ("name", "category")
KNOWN = (
    *REQUIRED,
    "country",
    "nature",
    "website",
    "start_not_before",
    "start_not_after",
    "endorsed_on",
)
MAX_FIELD = 100_000


def _date(value: str, origin: str, column: str, problems: Problems) -> dt.date | bool | None:
    """A date, None for an empty cell, False (reported) for a bad one."""
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        problems.error(
            origin, column, f"{value.strip()[:40]!r} is not a date (YYYY-MM-DD); row skipped"
        )
        return False


def _start(
    row: dict[str, str], origin: str, problems: Problems, today: dt.date
) -> Interval | bool | None:
    on = _date(row.get("endorsed_on", ""), origin, "endorsed_on", problems)
    before = _date(row.get("start_not_before", ""), origin, "start_not_before", problems)
    after = _date(row.get("start_not_after", ""), origin, "start_not_after", problems)
    if False in (on, before, after):
        return False
    if isinstance(on, dt.date):
        if before or after:
            problems.warn(
                origin, "endorsed_on", "endorsed_on given: start_not_before/after ignored"
            )
        before = after = on
    if after is None:
        if before is not None:
            problems.error(
                origin, "start_not_after", "start_not_before without start_not_after; row skipped"
            )
            return False
        return None
    assert isinstance(after, dt.date)
    if after > today:
        problems.error(origin, "start_not_after", f"{after} is in the future; row skipped")
        return False
    if isinstance(before, dt.date) and before > after:
        problems.error(
            origin, "start_not_before", f"{before} is after start_not_after {after}; row skipped"
        )
        return False
    return Interval(before if isinstance(before, dt.date) else None, after)


def _rows(path: Path, problems: Problems) -> Iterator[tuple[int, dict[str, str]]]:
    csv.field_size_limit(MAX_FIELD)
    label = path.name
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            problems.error(
                f"{label}:1", "header",
                f"missing column(s) {', '.join(missing)}; the header needs {', '.join(REQUIRED)} "
                f"and may have {', '.join(KNOWN[2:])}; file skipped",
            )  # fmt: skip
            return
        for extra in sorted(set(header) - set(KNOWN)):
            problems.warn(f"{label}:1", extra, "unknown column; ignored")
        reader.fieldnames = header
        for row in reader:
            line = reader.line_num
            if None in row:
                problems.error(f"{label}:{line}", "row", "more cells than columns; row skipped")
                continue
            short = [k for k, v in row.items() if v is None]
            if short:
                problems.error(f"{label}:{line}", short[0], "fewer cells than columns; row skipped")
                continue
            yield line, row


def read_csv(path: Path, problems: Problems, today: dt.date) -> list[Record]:
    records: list[Record] = []
    try:
        for line, row in _rows(path, problems):
            origin = f"{path.name}:{line}"
            start = _start(row, origin, problems, today)
            if start is False:
                continue
            spec = make_spec(
                RawFields(
                    name=row.get("name", ""),
                    category=row.get("category", ""),
                    nature=row.get("nature", ""),
                    country=row.get("country", ""),
                    website=row.get("website", ""),
                ),
                origin,
                problems,
            )
            if spec is not None:
                records.append(
                    Record(origin, None, spec, start if isinstance(start, Interval) else None)
                )
    except UnicodeDecodeError as exc:
        problems.error(
            path.name, "file", f"not UTF-8 text (byte {exc.start}); rest of file skipped"
        )
    except csv.Error as exc:
        problems.error(path.name, "file", f"not readable as CSV: {exc}; rest of file skipped")
    except OSError as exc:
        problems.error(path.name, "file", f"cannot read: {exc.strerror}")
    return records
