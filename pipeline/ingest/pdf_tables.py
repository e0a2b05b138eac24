"""Ruled tables of a PDF page, found by pdfplumber's table finder, as rows of cells, each a list of paragraphs.

Only pages that draw rules both ways are handed to pdfplumber (its layout pass is the slow part of reading a
PDF); a table needs two rows and two columns with text. The page's words are placed in the cells by their
centre. A cell's lines are one paragraph while each line was wrapped because the next word did not fit in the
cell; a line that ends with room to spare for the next word ended its paragraph, as a .docx cell holds one
paragraph per name in a list of names. A word wrapped inside a narrow column ("Countr" / "y") is rejoined.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.ingest.pdf_fonts import font_rules, marks
from pipeline.ingest.pdf_paragraphs import Lexicon, join_lines, one_word

_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_WORDS = {"x_tolerance_ratio": 0.25, "y_tolerance": 3, "return_chars": True}  # chars: their font names
_SAME_LINE = 3.0  # points between the tops of two words on one line


@dataclass(frozen=True)
class Table:
    """Each cell's paragraphs by row (None where a merged cell continues), and the table's box (x0, top, x1, bottom)."""

    rows: tuple[tuple[tuple[str, ...] | None, ...], ...]
    bbox: tuple[float, float, float, float]
    columns: tuple[tuple[float, float], ...] = ()  # a table without rules: its header's spans (pdf_aligned.py)
    spans: tuple[tuple[int, ...], ...] = ()  # by row, the rows each cell covers (more than 1: merged down)
    bold: frozenset[tuple[int, int, int]] = frozenset()  # (row, column, paragraph) set wholly in a bold font

    def is_bold(self, row: int, col: int, paragraph: int) -> bool:
        return (row, col, paragraph) in self.bold


def find_tables(page, lexicon: Lexicon) -> list[Table]:
    """Tables of a pdfplumber page (give it deduplicated), top to bottom."""
    found = page.find_tables(_SETTINGS)
    if not found:
        return []
    words = page.extract_words(**_WORDS)
    out = []
    for table in found:
        grid = [list(row.cells) for row in table.rows]
        placed: dict[tuple[int, int], list[dict]] = {}
        for word in words:
            cell = _cell_of(word, grid, table.bbox)
            if cell is not None:
                placed.setdefault(cell, []).append(word)
        read = [[None if box is None else _paragraphs(placed.get((r, c), []), box, lexicon)
                 for c, box in enumerate(row)] for r, row in enumerate(grid)]
        rows = tuple(tuple(None if cell is None else tuple(text for text, _ in cell) for cell in row) for row in read)
        spans = _row_spans(grid)
        kept = [r for r, row in enumerate(rows) if any(row_cell for row_cell in row)]
        bold = frozenset((k, c, n) for k, r in enumerate(kept) for c, cell in enumerate(read[r]) if cell
                         for n, (_, heavy) in enumerate(cell) if heavy)
        rows, spans = tuple(rows[r] for r in kept), tuple(spans[r] for r in kept)
        if len(rows) >= 2 and max(sum(1 for c in row if c is not None) for row in rows) >= 2:
            out.append(Table(rows, tuple(table.bbox), spans=spans, bold=bold))
    return sorted(out, key=lambda t: t.bbox[1])


def _row_spans(grid) -> tuple[tuple[int, ...], ...]:
    """For each cell, how many rows its box reaches down over (a cell merged down is one tall box)."""
    tops = [min((box[1] for box in row if box is not None), default=None) for row in grid]
    out = []
    for r, row in enumerate(grid):
        spans = []
        for box in row:
            n = 1
            while box is not None and r + n < len(grid) and tops[r + n] is not None and tops[r + n] < box[3] - 1.0:
                n += 1
            spans.append(n)
        out.append(tuple(spans))
    return tuple(out)


def _cell_of(word: dict, grid, bbox) -> tuple[int, int] | None:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    if not (bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]):
        return None
    for r, row in enumerate(grid):
        for c, box in enumerate(row):
            if box is not None and box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
                return r, c
    return None


def _paragraphs(words: list[dict], box, lexicon: Lexicon) -> tuple[tuple[str, bool], ...]:
    """The cell's paragraphs, each with whether all its words are set in a bold font (see pdf_fonts.py)."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= _SAME_LINE:
            lines[-1].append(word)
        else:
            lines.append([word])
    if not lines:
        return ()
    lines = [sorted(line, key=lambda w: w["x0"]) for line in lines]
    pad = max(min(line[0]["x0"] for line in lines) - box[0], 0.0)  # cell margins are alike on both sides
    right = box[2] - pad
    rules = font_rules()
    letters = [[c for w in line for c in w.get("chars", ()) if marks(c.get("text", "")[:1])] for line in lines]
    heavy = [bool(cs) and all(rules.is_bold(str(c.get("fontname", ""))) for c in cs) for cs in letters]
    out: list[tuple[str, bool]] = []
    current, bold = "", False
    for i, line in enumerate(lines):
        text = " ".join(w["text"] for w in line)
        if not current:
            current, bold = text, heavy[i]
            continue
        prev, first = lines[i - 1], line[0]
        room = right - prev[-1]["x1"]
        space = 0.25 * (first["bottom"] - first["top"])
        if room > space + (first["x1"] - first["x0"]) + 1.0:
            out.append((current, bold))  # the next word would have fitted: the line ended its paragraph
            current, bold = text, heavy[i]
            continue
        if not current.endswith("-") and one_word(current, text, lexicon):
            current += text
        else:
            current = join_lines(current, text, lexicon)
        bold = bold and heavy[i]
    out.append((current, bold))
    return tuple(out)
