"""Open what a report made: the DOCX's text (paragraphs and table cells) and its annex sheets."""

import io

from docx import Document
from openpyxl import load_workbook


def docx_of(run):
    run.docx.open("rb")
    try:
        return Document(io.BytesIO(run.docx.read()))
    finally:
        run.docx.close()


def paragraphs(document):
    return [p.text for p in document.paragraphs]


def tables(document):
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def all_text(document):
    parts = paragraphs(document)
    for table in tables(document):
        for row in table:
            parts += row
    return "\n".join(parts)


def workbook_of(run):
    run.xlsx.open("rb")
    try:
        return load_workbook(io.BytesIO(run.xlsx.read()))
    finally:
        run.xlsx.close()
