"""Ruled tables of a PDF page, found by pdfplumber's table finder, as rows of cell texts with their box.

Only pages that draw enough lines or rectangles are handed to pdfplumber (its layout pass is the slow part of
reading a PDF); a table needs two rows and two columns with text. Cells are cut from the page with overprinted
duplicates removed; a cell's lines are joined as a paragraph's are.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.ingest.pdf_paragraphs import Lexicon, join_lines

_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "text_x_tolerance_ratio": 0.25}


@dataclass(frozen=True)
class Table:
    """Cell texts by row (None where a merged cell continues), and the table's box (x0, top, x1, bottom)."""

    rows: tuple[tuple[str | None, ...], ...]
    bbox: tuple[float, float, float, float]


def find_tables(page, lexicon: Lexicon) -> list[Table]:
    """Tables of a pdfplumber page, top to bottom."""
    found = []
    for table in page.find_tables(_SETTINGS):
        rows = tuple(tuple(None if cell is None else _cell(cell, lexicon) for cell in row)
                     for row in table.extract(x_tolerance_ratio=0.25))
        rows = tuple(row for row in rows if any(c for c in row))
        if len(rows) >= 2 and max(sum(1 for c in row if c is not None) for row in rows) >= 2:
            found.append(Table(rows, tuple(table.bbox)))
    return sorted(found, key=lambda t: t.bbox[1])


def _cell(text: str, lexicon: Lexicon) -> str:
    out = ""
    for line in (piece.strip() for piece in text.split("\n")):
        if line:
            out = join_lines(out, line, lexicon) if out else line
    return out
