"""A claim as entered, parsed by `pactlog.verifier.claimspec` (the verifier parses the logged
claims with the same code) against the application's catalogue of groups: one parser for the
command, admin, API and form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pactlog.verifier import claimspec
from pactlog.verifier.claimspec import (
    DEFAULT_TOLERANCE,
    EARLIEST,
    KINDS,
    LIMITS,
    OPS,
    QUANTITIES,
    ClaimSpec,
    Source,
    after_publication_warning,
    check_window,
    last_day_published,
    latest_day,
    shown,
)


def group_slugs() -> Iterator[str]:
    """The groups a claim may name: the catalogue's (read only when a claim names one)."""
    from pactlog.groups.catalogue import all_groups

    return (g.slug for g in all_groups())


def parse_claim(data: Any, with_source: bool = True) -> ClaimSpec:
    """A claim from its JSON form; `with_source=False` for checks that are not stored."""
    return claimspec.parse_claim(data, with_source, group_slugs)


__all__ = [
    "DEFAULT_TOLERANCE",
    "EARLIEST",
    "KINDS",
    "LIMITS",
    "OPS",
    "QUANTITIES",
    "ClaimSpec",
    "Source",
    "after_publication_warning",
    "check_window",
    "group_slugs",
    "last_day_published",
    "latest_day",
    "parse_claim",
    "shown",
]
