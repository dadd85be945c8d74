"""Spreadsheet cells that cannot execute: formulas typed as names stay text, numbers stay numbers."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from lib.sheets import append_row, csv_row, csv_value

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://x.example","Bấm")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
]


def _read_back(rows):
    workbook = Workbook()
    for row in rows:
        append_row(workbook.active, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return list(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_formula_is_written_as_text_shown_as_typed(text):
    [[cell]] = _read_back([[text]])
    assert (cell.value, cell.data_type) == (text, "s")


def test_numbers_stay_numbers_and_text_is_cleaned():
    [cells] = _read_back([[21_000_000, -5, 161, None, "Quỹ\x0b“Vì người nghèo”\x00"]])
    assert [(c.value, c.data_type) for c in cells[:3]] == [(21_000_000, "n"), (-5, "n"), (161, "n")]
    assert cells[4].value == "Quỹ “Vì người nghèo”"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "' =1"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        (-5, -5),
        (1_500_000, 1_500_000),
    ],
)
def test_csv_values_that_would_run_get_a_quote(value, written):
    assert csv_value(value) == written


def test_csv_row():
    assert csv_row(["=1", 2, "ba"]) == ["'=1", 2, "ba"]
