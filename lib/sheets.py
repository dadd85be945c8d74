"""Cells for the spreadsheets the portal writes (XLSX with openpyxl, CSV): text that cannot execute.

A name typed as `=HYPERLINK(…)`, `+1+2`, `-2+3` or `@SUM(…)` becomes a live formula when a
spreadsheet program opens the file (OWASP, "CSV Injection"). In XLSX every text cell is
written with the string type, so it shows exactly as typed and is never a formula; in CSV,
which has no types, such a value is prefixed with `'`. Numbers stay numbers. Text is cleaned
by lib/text.py first: XLSX (XML) refuses control characters, and old rows may hold some.
"""

from .text import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def sheet_value(value):
    """`value` as a cell may hold it: text cleaned to one line (an export's cells are names,
    labels and sentences, read and filtered in a spreadsheet), anything else as is."""
    return clean_text(value) if isinstance(value, str) else value


def append_row(sheet, values):
    """Append `values` to an openpyxl worksheet; every text cell is typed as a string, so a
    value starting with `=` is shown, not computed. Returns the row's cells."""
    from openpyxl.cell import Cell

    cells = [Cell(sheet, value=sheet_value(value)) for value in values]
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    sheet.append(cells)
    return cells


def csv_value(value):
    """`value` for a CSV cell: text that a spreadsheet would read as a formula gets a leading `'`."""
    if not isinstance(value, str):
        return value
    text = sheet_value(value)
    # Cleaning made a leading tab or CR a space; some programs skip spaces before a formula.
    return "'" + text if text.lstrip().startswith(FORMULA_STARTS) else text


def csv_row(values):
    """`csv_value` of every value, for `csv.writer(...).writerow(csv_row(values))`."""
    return [csv_value(value) for value in values]
