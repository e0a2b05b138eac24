"""Markdown minutes -> blocks over the Markdown source itself (markup stays in Document.text).

Read line by line, the way CommonMark groups blocks: ATX ("## x") and setext (underlined) headings give heading
blocks covering the heading words; list items ("-", "*", "+", "1.", "1)") keep their marker in the block text,
level from indentation; pipe tables give one table_cell block per cell with its header row's text; fenced code
and other paragraphs are paragraph blocks; HTML comments and thematic breaks give none.
"""
from __future__ import annotations

import re

from pipeline.ingest.assemble import spans_to_blocks
from pipeline.ingest.text import indent_width, lines_with_offsets, list_level
from pipeline.model import Block

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DELIM_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^ {0,3}>")


def markdown_blocks(text: str) -> tuple[Block, ...]:
    lines = lines_with_offsets(text)
    spans: list[tuple[int, int, dict]] = []
    stack: list[int] = []
    table_id = 0
    open_block = False  # whether a non-blank paragraph/list line may continue the last span
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        if not line.strip():
            open_block = False
            i += 1
            continue
        if line.lstrip().startswith("<!--"):
            i = _skip_comment(lines, i)
            open_block = False
            continue
        fence = _FENCE.match(line)
        if fence:
            j = i + 1
            while j < len(lines) and not lines[j][2].lstrip().startswith(fence.group(1)):
                j += 1
            if j > i + 1:
                spans.append((lines[i + 1][0], lines[j - 1][1], {"kind": "paragraph"}))
            i, open_block = j + 1, False
            continue
        atx = _ATX.match(line)
        if atx:
            words_end = start + len(_ATX_CLOSE.sub("", line[atx.end():])) + atx.end()
            spans.append((start + atx.end(), max(words_end, start + atx.end()),
                          {"kind": "heading", "level": len(atx.group(1))}))
            i, open_block = i + 1, False
            stack.clear()
            continue
        if "|" in line and i + 1 < len(lines) and _is_delimiter_row(lines[i + 1], len(_cells(lines[i]))):
            i = _table(lines, i, spans, table_id)
            table_id += 1
            open_block = False
            continue
        if _BREAK.match(line) and not (open_block and _SETEXT.match(line)):
            i, open_block = i + 1, False
            continue
        setext = _SETEXT.match(line)
        if setext and open_block and spans and spans[-1][2]["kind"] == "paragraph":
            prev_start, prev_end, _ = spans[-1]
            spans[-1] = (prev_start, prev_end, {"kind": "heading", "level": 1 if setext.group(1)[0] == "=" else 2})
            i, open_block = i + 1, False
            continue
        if _LIST.match(line):
            spans.append((start, end, {"kind": "list_item", "level": list_level(stack, indent_width(line))}))
            i, open_block = i + 1, True
            continue
        if open_block and not _QUOTE.match(line) and spans:
            prev_start, _, attrs = spans[-1]
            spans[-1] = (prev_start, end, attrs)
        else:
            if indent_width(line) < 2:
                stack.clear()
            spans.append((start, end, {"kind": "paragraph"}))
        i, open_block = i + 1, True
    return spans_to_blocks(text, spans)


def _is_delimiter_row(entry: tuple[int, int, str], n_header_cells: int) -> bool:
    line = entry[2]
    return "-" in line and bool(_DELIM_ROW.match(line)) and len(_cells(entry)) == n_header_cells


def _skip_comment(lines, i: int) -> int:
    while i < len(lines):
        if "-->" in lines[i][2]:
            return i + 1
        i += 1
    return i


def _table(lines, i: int, spans: list, table_id: int) -> int:
    """Pipe table from the header line at i; returns the index after the table."""
    header = _cells(lines[i])
    headers = {col: lines[i][2][a - lines[i][0]:b - lines[i][0]].strip() for col, (a, b) in enumerate(header)}
    rows = [header]
    j = i + 2
    while j < len(lines) and "|" in lines[j][2] and lines[j][2].strip():
        rows.append(_cells(lines[j]))
        j += 1
    for row, cells in enumerate(rows):
        for col, (a, b) in enumerate(cells):
            spans.append((a, b, {"kind": "table_cell", "table_id": table_id, "row": row, "col": col,
                                 "column_header": headers.get(col) or None}))
    return j


def _cells(entry: tuple[int, int, str]) -> list[tuple[int, int]]:
    """Absolute (start, end) of each cell of a pipe-table line; "\\|" does not split."""
    start, _, line = entry
    bounds = [k for k, ch in enumerate(line) if ch == "|" and (k == 0 or line[k - 1] != "\\")]
    stripped = line.strip()
    edges = [-1] + bounds + [len(line)]
    cells = [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]
    if stripped.startswith("|"):
        cells = cells[1:]
    if stripped.endswith("|") and cells:
        cells = cells[:-1]
    return [(start + a, start + b) for a, b in cells]
