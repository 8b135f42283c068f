"""A history import's problems as people read them: one line per file and problem, with the
first and last commit it was seen in and how often, those still in the final tree first.

A file keeps its problem in every commit until it changes, and a git walk re-reads a file each
time a commit touches it, so the same problem is met many times; a normalisation (`Suède` read
as SWE) is one line for every file that needed it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pactlog.importing.report import Problem

Key = tuple[str, str, str, str]


def key_of(problem: Problem) -> Key:
    """What makes two sightings one line: the problem, and its file unless a normalisation."""
    file = "" if problem.normalisation else problem.file
    return (file, problem.field, problem.severity, problem.message)


@dataclass
class Seen:
    """A commit a problem was seen in."""

    commit: str
    date: dt.date

    def as_json(self) -> dict[str, str]:
        return {"commit": self.commit, "date": self.date.isoformat()}

    def __str__(self) -> str:
        return f"{self.commit[:12]} ({self.date})"


@dataclass
class GroupedProblem:
    problem: Problem  # the first sighting (a normalisation names its first file)
    first: Seen
    last: Seen
    count: int = 1
    files: set[str] = field(default_factory=set)
    in_final_tree: bool = False

    # The fields of a single problem, so callers can read a line as they read a `Problem`.
    @property
    def file(self) -> str:
        return self.problem.file

    @property
    def field(self) -> str:
        return self.problem.field

    @property
    def severity(self) -> str:
        return self.problem.severity

    @property
    def message(self) -> str:
        return self.problem.message

    @property
    def kind(self) -> str:
        prefix = "normalised" if self.problem.normalisation else self.severity
        return f"{prefix} {self.field}"

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = dict(self.problem.as_json())
        found.update(
            kind=self.kind,
            first=self.first.as_json(),
            last=self.last.as_json(),
            count=self.count,
            in_final_tree=self.in_final_tree,
        )
        if self.problem.normalisation:
            found["files"] = len(self.files)
        return found

    def as_text(self) -> str:
        where = (
            f"{len(self.files)} file(s), first {self.file}"
            if self.problem.normalisation
            else self.file
        )
        seen = f"seen {self.count} time(s)"
        when = f"in {self.first}" if self.first == self.last else f"{self.first} to {self.last}"
        return f"{self.severity}: {where} [{self.field}] {self.message} ({seen}, {when})"


@dataclass
class ProblemLog:
    """Every sighting folded into its line, in the order lines were first seen."""

    lines: dict[Key, GroupedProblem] = field(default_factory=dict)
    sightings: int = 0

    def add(self, commit: str, date: dt.date, problems: Iterable[Problem]) -> None:
        here = Seen(commit, date)
        for problem in problems:
            self.sightings += 1
            key = key_of(problem)
            line = self.lines.get(key)
            if line is None:
                line = self.lines[key] = GroupedProblem(problem, here, here, count=0)
            line.last = here
            line.count += 1
            line.files.add(problem.file)

    def finish(self, final: Iterable[Problem]) -> list[GroupedProblem]:
        """The lines, those whose problem the final tree still has first."""
        present = {key_of(problem) for problem in final}
        for key, line in self.lines.items():
            line.in_final_tree = key in present
        return sorted(self.lines.values(), key=lambda line: not line.in_final_tree)


def summary(lines: Iterable[GroupedProblem]) -> list[dict[str, Any]]:
    """Lines and sightings per kind (severity or normalisation, and field), most lines first."""
    counted: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    final: Counter[str] = Counter()
    for line in lines:
        counted[line.kind] += 1
        seen[line.kind] += line.count
        final[line.kind] += line.in_final_tree
    return [
        {"kind": kind, "lines": n, "sightings": seen[kind], "in_final_tree": final[kind]}
        for kind, n in sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    ]
