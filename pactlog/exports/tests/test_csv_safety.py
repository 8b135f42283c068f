"""Formula neutralisation (docs/spec.md §10) and the CSV writer, without a database."""

from __future__ import annotations

import csv
import io

import pytest

from pactlog.exports.csvsafe import BOM, csv_lines, neutralise


@pytest.mark.parametrize("cell", ["=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", '=HYPERLINK("x")'])
def test_formula_starts_get_an_apostrophe(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Microsoft", "", "1=1", " =x", "'quoted", "Élysée"])
def test_other_cells_are_untouched(cell):
    assert neutralise(cell) == cell


def test_csv_lines_quote_neutralise_and_optionally_start_with_a_bom():
    lines = list(csv_lines(["name"], [["=cmd"], ['a "b", c']], bom=True))
    text = "".join(lines)
    assert text.startswith(BOM + "name\r\n")
    assert list(csv.reader(io.StringIO(text.removeprefix(BOM)))) == [
        ["name"],
        ["'=cmd"],
        ['a "b", c'],
    ]
    assert not "".join(csv_lines(["name"], [])).startswith(BOM)
