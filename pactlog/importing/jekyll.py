"""Reading a folder of Jekyll supporter files, the Paris Call site's format.

Each `*.md` file holds YAML front matter between `---` lines. The file name
(`<slug>-<category>-<ISO3>.md`) is the site's only identifier and our source key; it also
serves as a second opinion for the category and the country when the front matter has none.
Fields read: name, category, nature, nationality, website, date_signed. Others (twitter,
linkedin, the free-text body) are not imported: they may be personal contact details.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from pactlog.importing.records import RawFields, Record, make_spec
from pactlog.importing.report import Problems
from pactlog.registry.dates import Interval
from pactlog.registry.vocabulary import Category

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1_000_000


def source_key(filename: str) -> str | None:
    """The file name without trailing dots and `.md`, or None when it is not a Markdown file."""
    stripped = filename.rstrip(".")
    if not stripped.lower().endswith(".md") or len(stripped) <= 3:
        return None
    return stripped[:-3]


def name_parts(key: str) -> tuple[str, str]:
    """(category, country) as the file name spells them, "" where it has none."""
    rest, sep, country = key.rpartition("-")
    if not sep:
        return "", ""
    for category in Category.values:
        if rest.endswith(f"-{category}"):
            return category, country
    # An unknown category: slugs use underscores, so it is what follows the first hyphen.
    _, sep, category = rest.partition("-")
    return (category, country) if sep else ("", country)


def front_matter(text: str) -> dict[str, Any]:
    """The YAML mapping between the opening and closing `---` lines."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError("no front matter: the file must start with a '---' line")
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if end is None:
        raise ValueError("front matter is not closed by a '---' line")
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_Loader)  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ValueError(
            f"front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping of fields")
    return data


def _text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    return str(value)


def _date_signed(value: Any, origin: str, problems: Problems) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.warn(origin, "date_signed", f"{str(value)[:40]!r} is not a date; ignored")
        return None


def read_file(path: Path, key: str, problems: Problems) -> Record | None:
    origin = path.name
    try:
        data = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        problems.error(origin, "file", f"cannot read: {exc.strerror}")
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.error(origin, "file", f"larger than {MAX_FILE_BYTES:,} bytes; skipped")
        return None
    if b"\x00" in data:
        problems.error(origin, "file", "binary file, not text; skipped")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(origin, "file", f"not UTF-8 text (byte {exc.start}); skipped")
        return None
    try:
        fields = front_matter(text)
    except ValueError as exc:
        problems.error(origin, "front matter", f"{exc}; skipped")
        return None
    category_hint, country_hint = name_parts(key)
    spec = make_spec(
        RawFields(
            name=_text(fields.get("name")),
            category=_text(fields.get("category")),
            nature=_text(fields.get("nature")),
            country=_text(fields.get("nationality")),
            website=_text(fields.get("website")),
            category_hint=category_hint,
            country_hint=country_hint,
        ),
        origin,
        problems,
    )
    if spec is None:
        return None
    day = _date_signed(fields.get("date_signed"), origin, problems)
    return Record(origin, key, spec, Interval.day(day) if day else None)


def read_folder(folder: Path, problems: Problems) -> list[Record]:
    """Every regular file in the folder, in name order; each problem is reported, none is fatal."""
    records: list[Record] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        key = source_key(path.name)
        if key is None:
            problems.error(path.name, "file", "not a Markdown (.md) file; skipped")
            continue
        if path.name != f"{key}.md":
            problems.warn(path.name, "file", f"unusual file name; read as {key}.md")
        if key in seen:
            problems.error(path.name, "file", f"same entry as {seen[key]}; skipped")
            continue
        seen[key] = path.name
        record = read_file(path, key, problems)
        if record is not None:
            records.append(record)
    return records
