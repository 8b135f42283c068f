"""CSV text that spreadsheets open safely: formula neutralisation (docs/spec.md §10), streaming."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

#: A cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t")

BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would read as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


class _Line:
    """A file-like object whose write() returns the text, so csv.writer can feed a generator."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: list[str], rows: Iterable[list[str]], bom: bool = False) -> Iterator[str]:
    """The CSV document line by line (RFC 4180, CRLF), every cell neutralised."""
    writer = csv.writer(_Line())
    yield (BOM if bom else "") + writer.writerow(header)
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])
