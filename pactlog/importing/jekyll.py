"""Reading a folder of Jekyll supporter files, the Paris Call site's format.

Each `*.md` file holds YAML front matter between `---` lines. The file name
(`<slug>-<category>-<ISO3>.md`) is the site's only identifier and our source key; it also
serves as a second opinion for the category and the country when the front matter has none.
Fields read: name, category, nature, nationality, website, date_signed. Others (twitter,
linkedin, the free-text body) are not imported: they may be personal contact details.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pactlog.importing.normalise import looks_like_code
from pactlog.importing.records import RawFields, Record, make_spec
from pactlog.importing.report import Problems
from pactlog.registry.dates import Interval
from pactlog.registry.vocabulary import Category

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


_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.SafeLoader("")  # resolves and builds plain scalars; never composes a document


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _SCALARS.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, style=event.style)
    try:
        return _SCALARS.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return event.value  # e.g. a timestamp out of range: the date check reports it


def _skip(events: Iterator[yaml.Event], first: yaml.Event) -> None:
    """Consume a list or mapping without building it (nor expanding any alias inside)."""
    depth = 1 if isinstance(first, yaml.CollectionStartEvent) else 0
    while depth:
        event = next(events)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _fields(text: str, skipped: dict[str, str]) -> dict[str, Any]:
    """The top mapping's scalar values, from the parser's events: lists, mappings and aliases
    are never built (an alias bomb costs what its text costs), only noted in `skipped`."""
    events = yaml.parse(text, Loader=_Parser)
    fields: dict[str, Any] = {}
    for event in events:
        if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentStartEvent)):
            continue
        if isinstance(event, (yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            break
        if isinstance(event, yaml.ScalarEvent) and event.value == "" and not event.style:
            return {}
        if not isinstance(event, yaml.MappingStartEvent):
            raise ValueError("front matter is not a mapping of fields")
        while True:
            key_event = next(events)
            if isinstance(key_event, yaml.MappingEndEvent):
                break
            value_event = next(events)
            if not isinstance(key_event, yaml.ScalarEvent):
                _skip(events, key_event)
                _skip(events, value_event)
                skipped["?"] = "a field name that is not plain text"
                continue
            name = key_event.value
            if isinstance(value_event, yaml.ScalarEvent):
                fields[name] = _scalar(value_event)
            elif isinstance(value_event, yaml.AliasEvent):
                skipped[name] = "an alias (*name)"
            else:
                _skip(events, value_event)
                kind = "a list" if isinstance(value_event, yaml.SequenceStartEvent) else "a mapping"
                skipped[name] = kind
        break
    return fields


#: The site's earliest files open straight on a field (`name: France`), with no `---` line.
_FIELD_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:(\s|$)")


_HASHED_NAME = re.compile(r"^name:[ \t]+(#[^\n]*\S)[ \t]*$", re.MULTILINE)
_KEY_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*):(.*)$")


def _plain_fields(lines: list[str]) -> dict[str, Any]:
    """The earliest format is `field: text` lines, not YAML: a value runs on over the lines
    that hold no field (a name broken over two lines) and `#` is text (`name: #cnetz`)."""
    fields: dict[str, Any] = {}
    last: str | None = None
    for line in lines:
        found = _KEY_LINE.match(line)
        if found:
            last = found.group(1)
            value = found.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]  # a quoted value, as YAML would read it
            fields[last] = value
        elif last is not None and line.strip():
            fields[last] = f"{fields[last]} {line.strip()}".strip()
    return fields


@dataclass
class FrontMatter:
    fields: dict[str, Any]
    opened: bool  # False for the earliest format: no opening `---` line


def read_front_matter(text: str, skipped: dict[str, str] | None = None) -> FrontMatter:
    """The YAML mapping between the opening and closing `---` lines (or, in the earliest
    format, from the first line to a `---` line or the end): scalar values only (field -> why
    it was skipped goes to `skipped`)."""
    lines = text.splitlines()
    opened = bool(lines) and lines[0].strip() == "---"
    if not opened and not (lines and _FIELD_LINE.match(lines[0])):
        raise ValueError("no front matter: the file must start with a '---' line")
    first = 1 if opened else 0
    end = next(
        (i for i, line in enumerate(lines[first:], start=first) if line.strip() == "---"), None
    )
    if end is None:
        if opened:
            raise ValueError("front matter is not closed by a '---' line")
        end = len(lines)
    if not opened:
        return FrontMatter(_plain_fields(lines[:end]), opened=False)
    try:
        fields = _fields("\n".join(lines[first:end]), skipped if skipped is not None else {})
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1 + first}" if mark is not None else ""
        raise ValueError(
            f"front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}"
        ) from None
    except StopIteration:
        raise ValueError("front matter ends in the middle of a value") from None
    return FrontMatter(fields, opened)


def front_matter(text: str, skipped: dict[str, str] | None = None) -> dict[str, Any]:
    """The front matter's scalar fields (see `read_front_matter`)."""
    return read_front_matter(text, skipped).fields


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


def _read_bytes(path: Path, origin: str, problems: Problems) -> bytes | None:
    """The file's bytes; its size is checked before reading, and a symlink is never followed."""
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError as exc:
        if path.is_symlink():
            problems.error(origin, "file", "a symbolic link; not followed, skipped")
        else:
            problems.error(origin, "file", f"cannot read: {exc.strerror}")
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.error(origin, "file", "not a regular file; skipped")
            return None
        if info.st_size > MAX_FILE_BYTES:
            problems.error(origin, "file", f"larger than {MAX_FILE_BYTES:,} bytes; skipped")
            return None
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        problems.error(origin, "file", f"larger than {MAX_FILE_BYTES:,} bytes; skipped")
        return None
    return data


def read_file(path: Path, key: str, problems: Problems) -> Record | None:
    data = _read_bytes(path, path.name, problems)
    return None if data is None else parse_file(data, path.name, key, problems)


def parse_file(data: bytes, origin: str, key: str, problems: Problems) -> Record | None:
    """One supporter from a file's bytes (from a folder or from a git blob)."""
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
    skipped: dict[str, str] = {}
    try:
        found = read_front_matter(text, skipped)
    except ValueError as exc:
        problems.error(origin, "front matter", f"{exc}; skipped")
        return None
    fields = found.fields
    hashed = _HASHED_NAME.search(text) if not _text(fields.get("name")).strip() else None
    if hashed:
        fields["name"] = hashed.group(1).strip()
        problems.normalised(
            origin, "name", "a name starting with '#' (YAML reads it as a comment) read as text"
        )
    if not found.opened:
        problems.normalised(
            origin, "front matter", "no opening '---' line (the earliest format); read as fields"
        )
    for name, what in skipped.items():
        problems.warn(origin, name[:40], f"{what}, not a plain value; field skipped")
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
    if day is not None and is_earlier_format(found, fields):
        problems.normalised(
            origin, "date_signed",
            "the earlier format's date_signed is a placeholder: kept as what the source "
            "declares, not as evidence of the date",
        )  # fmt: skip
        return Record(origin, key, spec, None, declared=day)
    return Record(origin, key, spec, Interval.day(day) if day else None, declared=day)


def is_earlier_format(found: FrontMatter, fields: dict[str, Any]) -> bool:
    """The site's lists of September and October 2019: no opening `---`, a category spelled
    `private_sector`, or a state whose nationality is not a code (empty, `UE`, a name)."""
    category = _text(fields.get("category")).strip()
    nationality = _text(fields.get("nationality")).strip()
    return (
        not found.opened
        or "_" in category
        or nationality == "UE"
        or (category == "state" and not looks_like_code(nationality))
    )


def read_folder(folder: Path, problems: Problems) -> list[Record]:
    """Every regular file in the folder, in name order; each problem is reported, none is fatal."""
    records: list[Record] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            problems.error(path.name, "file", "a symbolic link; not followed, skipped")
            continue
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
