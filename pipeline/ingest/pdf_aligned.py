"""Tables drawn without rules: columns set apart by whitespace only, read from the words' positions on the page.

An action table in PDF minutes is often a grid of "No. / Action / Responsible / Deadline" with no lines at all.
Its lines are cut into pieces at wide gaps (pdf_text.py); lines at one height are one row of the page, whatever
order the file writes them in (a word processor writes a table cell by cell). A table starts at a header row:
two or more short pieces, none a number, at least two and at least half of them column names
(models/ingest/aligned_tables.json, with the column roles and attendance columns the later stages read); it
runs down the page while every piece falls under one header column and no gap opens wider than a paragraph
break. A row starts where the first column gets new text, unless that text only carries on a first-column cell
that wrapped (it starts in lower case, and the line above ran as far as the column's widest line). It is kept
only with enough rows that fill two cells or more, so prose, a letterhead in two columns or a "Label: value"
grid stays as lines.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import MODELS_DIR
from pipeline.ingest.pdf_paragraphs import MARKER, Lexicon, join_lines
from pipeline.ingest.pdf_tables import Table
from pipeline.ingest.pdf_text import Line

_SAME_ROW = 0.4  # line heights between the tops of two lines on one row of the page
_OVERLAP = 1.0  # points a piece must share with a header's span to sit under it
_STAGGER = 0.25  # line heights by which two rows of the page may overlap (tall letters of single-spaced lines)


@dataclass(frozen=True)
class AlignedRules:
    column_gap: float
    max_row_gap: float
    min_rows: int
    min_columns: int
    min_full_rows: int
    max_header_words: int
    headers: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def rules() -> AlignedRules:
    data = json.loads((MODELS_DIR / "ingest" / "aligned_tables.json").read_text(encoding="utf-8"))
    fragments = [f for language, words in data["header_words"].items() if language != "_doc" for f in words]
    for name, keys in data["header_sources"].items():
        shared = json.loads((MODELS_DIR / name).read_text(encoding="utf-8"))
        sections = [shared] + [v for k, v in shared.items() if isinstance(v, dict) and not k.startswith("_")]
        for section in sections:
            for key in keys:
                value = section.get(key)
                if isinstance(value, dict):
                    fragments.extend(value.values())
                elif isinstance(value, list):
                    fragments.extend(value)
    return AlignedRules(
        column_gap=float(data["column_gap"]), max_row_gap=float(data["max_row_gap"]),
        min_rows=int(data["min_rows"]), min_columns=int(data["min_columns"]),
        min_full_rows=int(data["min_full_rows"]), max_header_words=int(data["max_header_words"]),
        headers=tuple(re.compile(f, re.I) for f in dict.fromkeys(fragments)))


@dataclass(frozen=True)
class _Piece:
    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class _Row:
    """The lines of the page at one height: their pieces left to right and which lines they came from."""

    pieces: tuple[_Piece, ...]
    top: float
    bottom: float
    sources: tuple[int, ...]

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def find_aligned(lines: list[Line], lexicon: Lexicon, carry: tuple[tuple[float, float], ...] = (),
                 skip: int = 0) -> tuple[list[Table], list[Line]]:
    """The page's unruled tables, top to bottom, and its lines that are not in one (in their own order).

    `carry`: the columns of a table that ended the page before; rows under them within the first `skip` + 1
    rows of this page carry it on without a header (pdf.py gives them the same table).
    """
    r = rules()
    if not carry and (not any(line.pieces for line in lines) or not any(
            _names_column(line.text[a:b].strip(), r) for line in lines for a, b, *_ in line.pieces)):
        return [], lines  # no wide gap, or no piece names a column: the page holds no table (the common case)
    rows = _page_rows(lines)
    tables: list[Table] = []
    used: set[int] = set()
    i = 0
    for k in range(min(len(rows), skip + 1) if carry else 0):
        if _is_header(rows[k], r):
            break  # the header repeated on the new page: read as a table of its own, then joined by pdf.py
        found = _grow(rows, k, r, lexicon, list(carry))
        if found is not None:
            tables.append(found[0])
            used.update(j for row in rows[k:found[1]] for j in row.sources)
            i = found[1]
            break
    while i < len(rows):
        if _is_header(rows[i], r):
            found = _grow(rows, i, r, lexicon)
            if found is not None:
                table, end = found
                tables.append(table)
                used.update(k for row in rows[i:end] for k in row.sources)
                i = end
                continue
        i += 1
    if not tables:
        return [], lines
    return tables, [line for k, line in enumerate(lines) if k not in used]


def _page_rows(lines: list[Line]) -> list[_Row]:
    pieces = []  # (top, bottom, piece, line index)
    for k, line in enumerate(lines):
        whole = ((0, len(line.text), line.x0, line.x1, line.top, line.bottom),)
        for start, end, x0, x1, top, bottom in line.pieces or whole:
            text = line.text[start:end].strip()
            if text:
                pieces.append((top, bottom, _Piece(text, x0, x1), k))
    pieces.sort(key=lambda p: (p[0], p[2].x0))
    groups: list[list[tuple]] = []
    for item in pieces:
        height = max(item[1] - item[0], 1.0)
        if groups and abs(item[0] - groups[-1][0][0]) <= _SAME_ROW * height:
            groups[-1].append(item)
        else:
            groups.append([item])
    return [_Row(tuple(sorted((g[2] for g in group), key=lambda p: p.x0)), min(g[0] for g in group),
                 max(g[1] for g in group), tuple(dict.fromkeys(g[3] for g in group))) for group in groups]


def _is_header(row: _Row, r: AlignedRules) -> bool:
    cells = row.pieces
    if len(cells) < r.min_columns:
        return False
    if any(len(c.text.split()) > r.max_header_words or not any(ch.isalpha() or ch == "#" for ch in c.text)
           or (c.text.endswith((":", ".", ";", ",")) and not _names_column(c.text, r)) for c in cells):
        return False
    named = sum(1 for c in cells if _names_column(c.text, r))
    return named >= 2 and 2 * named >= len(cells)


def names_column(text: str) -> bool:
    """Whether a header cell's text is a column name (the header words every table reader shares)."""
    return _names_column(text, rules())


def _names_column(text: str, r: AlignedRules) -> bool:
    words = re.sub(r"\(s\)|[^\w\s/&#°º.-]", " ", text.lower())
    words = re.sub(r"\s+", " ", words).strip(" .")
    for part in dict.fromkeys((words, text.lower().strip(), re.split(r"\s*(?:/|&|\band\b)\s*", words)[0])):
        if part and any(p.fullmatch(part) for p in r.headers):
            return True
    return False


def _grow(rows: list[_Row], start: int, r: AlignedRules, lexicon: Lexicon,
          carried: list[tuple[float, float]] | None = None) -> tuple[Table, int] | None:
    """The table whose header is rows[start] (or, with `carried` columns, whose rows go on from the page before),
    and the index of the first row after it; None if there is none."""
    header = carried is None
    spans = [(p.x0, p.x1) for p in rows[start].pieces] if header else carried
    placed: list[dict[int, list[_Piece]]] = [_place(rows[start], spans)] if header else []
    end = start + 1 if header else start
    while end < len(rows):
        row, prev = rows[end], rows[end - 1] if end > start else None
        if prev is not None and row.top - prev.bottom > r.max_row_gap * row.height:
            break
        if prev is not None and row.top < prev.bottom - _STAGGER * row.height:
            return None  # cells centred in their rows: lines of one row stagger, and rows cannot be told apart
        cells = _place(row, spans)
        if cells is None:
            break
        placed.append(cells)
        end += 1
    # a short last line under the first column is more likely the next paragraph than a row of one cell
    while len(placed) > int(header) and list(placed[-1]) == [0]:
        placed.pop()
        end -= 1
    if not placed or 0 not in placed[0]:
        return None  # carried on: the page's first row must start a row
    grid = _rows(placed, rows[start:end], len(spans), header)
    full = sum(1 for row in grid[int(header):] if sum(1 for cell in row if cell) >= 2)
    if header and (len(grid) < r.min_rows or full < r.min_full_rows) or not header and not full:
        return None
    cells = tuple(tuple(_paragraphs(cell, lexicon) for cell in row) for row in grid)
    chosen = rows[start:end]
    bbox = (min(p.x0 for row in chosen for p in row.pieces), chosen[0].top,
            max(p.x1 for row in chosen for p in row.pieces), chosen[-1].bottom)
    return Table(cells, bbox, tuple(spans)), end


def _place(row: _Row, spans: list[tuple[float, float]]) -> dict[int, list[_Piece]] | None:
    """Each piece under its header column; None when one spans two columns (prose, a heading across the page)."""
    out: dict[int, list[_Piece]] = {}
    for piece in row.pieces:
        under = [c for c, (a, b) in enumerate(spans) if min(piece.x1, b) - max(piece.x0, a) > _OVERLAP]
        if len(under) > 1:
            return None
        if under:
            column = under[0]
        else:  # in the gap between two headers: the nearer one
            column = min(range(len(spans)), key=lambda c: max(spans[c][0] - piece.x1, piece.x0 - spans[c][1], 0.0))
        out.setdefault(column, []).append(piece)
    return out


def _rows(placed: list[dict[int, list[_Piece]]], rows: list[_Row], width: int,
          header: bool = True) -> list[list[list[str]]]:
    """Page rows -> table rows: a new one where the first column gets text that does not carry on a wrapped cell."""
    # how far first-column text runs at most (its widest line): a line that stopped well short of it ended its cell
    first_right = max((p.x1 for cells in placed[int(header):] for p in cells.get(0, ())), default=0.0)
    gaps = [b.top - a.bottom for a, b in zip(rows, rows[1:])]
    usual = min(gaps) if gaps else 0.0
    grid: list[list[list[str]]] = []
    for k, cells in enumerate(placed):
        if not grid or (0 in cells and _starts_row(placed[k - 1], cells, gaps[k - 1] - usual, rows[k].height,
                                                   first_right)):
            grid.append([[] for _ in range(width)])
        for column, pieces in cells.items():
            grid[-1][column].append(" ".join(p.text for p in pieces))
    return grid


def _starts_row(prev: dict[int, list[_Piece]], cells: dict[int, list[_Piece]], extra_gap: float, height: float,
                first_right: float) -> bool:
    last, head = prev.get(0, [None])[-1], cells[0][0]
    if last is None or extra_gap > 0.3 * height or not head.text[:1].islower() or last.text.endswith((".", ";")):
        return True  # only lower-case words carry on a cell's sentence ("Latrines in the" / "eastern block")
    word = head.text.split()[0]
    per_char = (head.x1 - head.x0) / max(len(head.text), 1)
    return first_right - last.x1 > per_char * (len(word) + 1)  # the word would have fitted: no wrap


def _paragraphs(lines: list[str], lexicon: Lexicon) -> tuple[str, ...]:
    out: list[str] = []
    for text in lines:
        if out and not MARKER.match(text) and not out[-1].endswith(":"):
            out[-1] = join_lines(out[-1], text, lexicon)
        else:
            out.append(text)
    return tuple(out)
