"""Plain-text minutes -> blocks over the text itself.

Each line is a block, except indented continuation lines (a hard-wrapped paragraph or a "Name: ..." entry
wrapped under itself), which extend the block above, and, in a text wrapped at a fixed width, the lines that
carry on a full line above them (text_wrap.py). Lines starting with a bullet or number are list items,
their level from indentation.

Word's "save as text" writes a table as one line per cell, each starting with a tab, the cell's further
paragraphs as plain lines below it: a run of two or more tab-lines is a table's first row and gives the number
of columns; cells then fill rows left to right. The table ends at plain text after a blank line once a row is
complete. Each line of a cell is a table_cell block with table_id/row/col and the header row's text.

A page saved as text may print a table row as one line with its cells joined by " / " (flat_tables.py): those
lines become table_cell blocks the same way; a label/value row ("Action points / - first item") becomes the label
and a list item.
"""
from __future__ import annotations

import re

from itertools import count

from pipeline.ingest import page_text, text_wrap
from pipeline.ingest.assemble import spans_to_blocks
from pipeline.ingest.flat_tables import flat_table, label_row
from pipeline.model import Block

# Bullets: the usual ones and those a web page prints (models/ingest/page_text.json: "·", "⮚", "➢", ...).
_BULLETS = "-*+•◦▪o" + page_text.page_words().bullets
_LIST = re.compile("(?:[" + re.escape(_BULLETS) + r"]|\(?\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+"
                   r"|\(?[a-zA-Z][.)]"
                   r"|\(?[ivx]{1,5}[.)])"
                   r"(?=\s)")
_INDENT = re.compile(r"[ \t]*")


def lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def indent_width(line: str) -> int:
    lead = _INDENT.match(line).group()
    return len(lead.expandtabs(4))


def list_level(stack: list[int], indent: int) -> int:
    """The nesting level of a list item at this indent; `stack` holds the indents of the open levels."""
    while stack and indent < stack[-1]:
        stack.pop()
    if not stack or indent > stack[-1]:
        stack.append(indent)
    return len(stack)


def plain_blocks(text: str) -> tuple[Block, ...]:
    """Blocks of a normalised plain text (see the module docstring)."""
    lines = lines_with_offsets(text)
    spans: list[tuple[int, int, dict]] = []
    table_ids = count()
    table = _TabTable(spans, table_ids)
    stack: list[int] = []
    width = text_wrap.wrap_width([line for _, _, line in lines])
    full = text_wrap.full_line([line for _, _, line in lines]) if not width else 0.0
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        if table.active or _tab_run(lines, i) >= 2:
            if table.take(lines, i):
                i += 1
                continue
        flat = flat_table(text, lines, i)
        if flat is not None:
            table_id = next(table_ids)
            spans.extend((a, b, {**attrs, "table_id": table_id} if attrs["kind"] == "table_cell" else attrs)
                         for a, b, attrs in flat.spans)
            stack.clear()
            i = flat.end_line
            continue
        labelled = label_row(text, start, line) if not table.active else None
        if labelled is not None:
            spans.extend(labelled)
            stack[:] = [0]  # the items on the lines below are at the level of the one after the label
            i += 1
            continue
        stripped = line.strip()
        if not stripped:
            stack.clear()
            i += 1
            continue
        if page_text.is_furniture(line):
            spans.append((start, end, {"kind": "paragraph", "part": "site"}))
            i += 1
            continue
        indent = indent_width(line)
        body = line.lstrip()
        lone = page_text.is_lone_marker(line) and i + 1 < len(lines) and lines[i + 1][2].strip() != ""
        if lone or _LIST.match(body):
            level = list_level(stack, indent)
            if lone:  # "•" or "ii." alone, its item on the next line: one list item
                i += 1
                end = lines[i][1]
            spans.append((start, end, {"kind": "list_item", "level": level}))
        elif indent > 0 and spans and _previous_line_filled(lines, i) and spans[-1][2].get("kind") != "table_cell":
            prev_start, _, attrs = spans[-1]
            spans[-1] = (prev_start, end, attrs)
        elif width and spans and _wrapped_on(lines, i, spans, width):
            spans[-1] = (spans[-1][0], end, spans[-1][2])
        elif not width and spans and _continues(lines, i, spans,
                                                lambda a, b: text_wrap.carries_on_lowercase(a, b, full)):
            spans[-1] = (spans[-1][0], end, spans[-1][2])
        else:
            stack.clear()
            spans.append((start, end, {"kind": "paragraph"}))
        i += 1
    return spans_to_blocks(text, _cut_long(text, spans))


def _cut_long(text: str, spans: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """A page the site joined onto one paragraph, cut into blocks where its labels, bullets and items begin."""
    out = []
    for start, end, attrs in spans:
        cuts = page_text.page_cuts(text[start:end]) if attrs.get("kind") in ("paragraph", "list_item") else []
        if not cuts:
            out.append((start, end, attrs))
            continue
        bounds = [start, *(start + c for c in cuts), end]
        level = attrs.get("level") or 1  # the items of a list item cut apart stay at its level
        for a, b in zip(bounds, bounds[1:]):
            kind = "list_item" if _LIST.match(text[a:b]) or page_text.opens_with_bullet(text[a:b]) else "paragraph"
            piece = {**attrs, "kind": kind}
            piece.pop("level", None)
            out.append((a, b, {**piece, "level": level} if kind == "list_item" else piece))
    return out


def _previous_line_filled(lines, i: int) -> bool:
    return i > 0 and bool(lines[i - 1][2].strip())


def _wrapped_on(lines, i: int, spans: list, width: float) -> bool:
    """Line i carries on the paragraph or list item that ends on the line right above it."""
    return _continues(lines, i, spans, lambda above, line: text_wrap.carries_on(above, line, width))


def _continues(lines, i: int, spans: list, carries) -> bool:
    """Line i carries on (by `carries`) the body paragraph or list item that ends on the line right above it."""
    return (spans[-1][2].get("kind") in ("paragraph", "list_item") and spans[-1][2].get("part", "body") == "body"
            and spans[-1][1] == lines[i - 1][1] and _previous_line_filled(lines, i)
            and carries(lines[i - 1][2], lines[i][2]))


def _tab_run(lines, i: int) -> int:
    n = 0
    while i + n < len(lines) and lines[i + n][2].startswith("\t"):
        n += 1
    return n


class _TabTable:
    """State of the tab-dump table being read; appends table_cell spans."""

    def __init__(self, spans: list, table_ids):
        self.spans = spans
        self.table_ids = table_ids
        self.active = False
        self.table_id = -1
        self.ncols = 0
        self.cell = -1
        self.headers: dict[int, str] = {}
        self.blank_since_cell = False

    def take(self, lines, i: int) -> bool:
        """Consume line i if it belongs to the table; False when the table has ended before it."""
        start, end, line = lines[i]
        if not self.active:
            self.active = True
            self.table_id = next(self.table_ids)
            self.ncols = _tab_run(lines, i)
            self.cell = -1
            self.headers = {}
        if line.startswith("\t"):
            self.cell += 1
            self.blank_since_cell = False
            row, col = divmod(self.cell, self.ncols)
            if row == 0:
                self.headers[col] = line.strip()
            self._add(start, end)
            return True
        if not line.strip():
            self.blank_since_cell = True
            return True
        row_complete = self.cell % self.ncols == self.ncols - 1
        if row_complete and self.blank_since_cell:
            self.active = False
            return False
        self._add(start, end)
        return True

    def _add(self, start: int, end: int) -> None:
        row, col = divmod(self.cell, self.ncols)
        self.spans.append((start, end, {"kind": "table_cell", "part": "body", "table_id": self.table_id, "row": row,
                                        "col": col, "column_header": self.headers.get(col) or None}))
