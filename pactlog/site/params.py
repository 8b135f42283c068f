"""The supporter list's query string: a selection (`groups.selection.SelectionQuery`) and a page."""

from __future__ import annotations

from dataclasses import dataclass

from pactlog.groups.selection import SELECTION_PARAMS, SelectionQuery

__all__ = ["LIST_PARAMS", "PAGE_SIZE", "ListQuery"]

PAGE_SIZE = 50
LIST_PARAMS = (*SELECTION_PARAMS, "page")


@dataclass(frozen=True)
class ListQuery(SelectionQuery):
    """One view of the supporter list: what the query string asked for."""

    page: int = 1
