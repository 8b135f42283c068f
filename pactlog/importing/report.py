"""What an import did and every problem it met, for people (text) and programs (`--json`)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["warning", "error"]


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    severity: Severity
    message: str
    #: A value read in the registry's words (`Suède` as SWE): one line per reading, not per file.
    normalisation: bool = False

    def as_json(self) -> dict[str, str]:
        return {
            "file": self.file,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class Problems:
    """Collects problems; a reader appends here and goes on with the next record."""

    items: list[Problem] = field(default_factory=list)

    def warn(self, file: str, field_name: str, message: str) -> None:
        self.items.append(Problem(file, field_name, "warning", message))

    def error(self, file: str, field_name: str, message: str) -> None:
        self.items.append(Problem(file, field_name, "error", message))

    def normalised(self, file: str, field_name: str, message: str) -> None:
        """A value the source spells its own way, read as the registry's (a warning)."""
        self.items.append(Problem(file, field_name, "warning", message, normalisation=True))


@dataclass
class Report:
    source: str
    snapshot_date: dt.date | None
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated) + len(self.renamed) + len(self.removed)

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "snapshot_date": self.snapshot_date.isoformat() if self.snapshot_date else None,
            "dry_run": self.dry_run,
            "added": len(self.added),
            "updated": len(self.updated),
            "renamed": len(self.renamed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "entries": {
                "added": self.added,
                "updated": self.updated,
                "renamed": [{"from": old, "to": new} for old, new in self.renamed],
                "removed": self.removed,
            },
            "problems": [p.as_json() for p in self.problems],
        }

    def render(self, as_json: bool) -> str:
        """What the import commands print: docs/spec.md §4's JSON report, or text for people."""
        if as_json:
            return json.dumps(self.as_json(), ensure_ascii=False, indent=2)
        return self.as_text()

    def as_text(self) -> str:
        errors = sum(p.severity == "error" for p in self.problems)
        lines = [
            f"{self.source}"
            + (f" snapshot {self.snapshot_date}" if self.snapshot_date else "")
            + (" (dry run: nothing written)" if self.dry_run else ""),
            f"  added {len(self.added)}, updated {len(self.updated)}, renamed {len(self.renamed)},"
            f" removed {len(self.removed)}, unchanged {self.unchanged}",
        ]
        lines += [f"  renamed: {old} -> {new}" for old, new in self.renamed]
        lines += [f"  removed: {key}" for key in self.removed]
        lines.append(f"  {len(self.problems)} problem(s), {errors} error(s)")
        lines += [f"  {p.severity}: {p.file} [{p.field}] {p.message}" for p in self.problems]
        return "\n".join(lines)
