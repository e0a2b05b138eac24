"""Tables a converter flattened into lines: one line per row, its cells joined by " / ".

A web page or PDF saved as text often prints a table row as "2 / Jo Bloggs / Officer/ACME / 0123", and may glue
the header to the first row ("... / Email / phone1 / Jo Bloggs / ..." or "Topic / WhoWelcome / Chair"). Only a
slash with a space on both sides (or a space before it at the end of the line) separates cells: "Officer/ACME"
is one cell. A table starts at a header line of short cells, at least two and at least half of them column names
(the words every table reader shares: models/ingest/aligned_tables.json with the column roles and attendance
columns it names); when the header is glued to the first row, its last cell is split where a column name ends and
the row begins, at a case change or a digit, and a paragraph glued before its first column name is cut off the same
way ("Action PointsNo / ...").
The header gives the number of columns; the table runs while each line has two to that many cells, and, in a
table whose rows are numbered, while each line opens with a row number, or carries on a row printed over two
lines whose cells then fill it exactly. A row with more cells than that gives its surplus back to the one column
that lists owners, agencies or places ("Ana Lio / ACME"), or else to the one column headed with two column names
("Position/Organisation": "Officer / ACME"). A blank line may fall before a numbered row or a full
one. Anything less certain stays a paragraph.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import MODELS_DIR
from pipeline.ingest.assemble import trim
from pipeline.ingest.pdf_aligned import names_column, rules

_SEPARATOR = re.compile(r"(?<=\s)/(?=\s|$)")
_BULLET = re.compile(r"[-–•▪*]")
_ROW_NUMBER = re.compile(r"\d{1,3}[.)]?")
# Where a glued header's last column name may end: a lower-case letter before a capital, a letter before a digit.
_GLUE = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])")


@dataclass(frozen=True)
class FlatTable:
    """A flattened table found at a line: its spans (start, end, attributes) and the index of the line after it."""

    spans: tuple[tuple[int, int, dict], ...]
    end_line: int


def cells(start: int, line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a line, stripped of blanks, in document offsets; empty cells are (a, a)."""
    out, pos = [], 0
    for m in _SEPARATOR.finditer(line):
        out.append(_strip(line, start, pos, m.start()))
        pos = m.end()
    out.append(_strip(line, start, pos, len(line)))
    return out


def _strip(line: str, start: int, a: int, b: int) -> tuple[int, int]:
    a, b = trim(line, a, b)
    return start + a, start + b


def _is_column_name(text: str) -> bool:
    return _header_like(text) and names_column(text)


def _header_like(text: str) -> bool:
    """Short enough for a column name, with a letter in it, and no sentence or label end."""
    return (bool(text) and len(text.split()) <= rules().max_header_words and any(ch.isalpha() or ch == "#" for ch in text)
            and (not text.endswith((":", ".", ";", ",")) or names_column(text)))


def _names_enough(texts: list[str]) -> bool:
    """At least two and at least half of a header's cells are column names, as for tables set by whitespace."""
    named = sum(map(_is_column_name, texts))
    return named >= 2 and 2 * named >= len(texts)


def _trimmed(bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cells without the empty ones a line ends with ("HPO/ACME /")."""
    n = len(bounds)
    while n > 1 and bounds[n - 1][0] == bounds[n - 1][1]:
        n -= 1
    return bounds[:n]


@dataclass(frozen=True)
class _Header:
    cells: list[tuple[int, int]]
    first_row: list[tuple[int, int]]  # a first row glued to the header, or empty
    before: tuple[int, int] | None  # a paragraph glued before the header ("Action PointsNo / ..."), or None


def _header(text: str, bounds: list[tuple[int, int]]) -> _Header | None:
    """The header of a line, a first row glued to its last column name and a paragraph glued before its first, or
    None when the line is no header. A glue is cut only where a column name ends or starts at a case change or a
    digit; then at least two and at least half of the header's cells must be column names."""
    bounds = _trimmed(bounds)
    if len(bounds) < 2:
        return None
    before = None
    a0, b0 = bounds[0]
    if not _is_column_name(text[a0:b0]):
        cut = next((a0 + m.start() for m in _GLUE.finditer(text[a0:b0])
                    if _is_column_name(text[a0 + m.start():b0])), None)
        if cut is not None:
            before, bounds = (a0, cut), [(cut, b0), *bounds[1:]]
    texts = [text[a:b] for a, b in bounds]
    for k in range(1, len(texts)):
        a, b = bounds[k]
        cut = next((a + m.start() for m in _GLUE.finditer(texts[k]) if _is_column_name(texts[k][:m.start()])), None)
        if cut is not None:
            row = [_strip(text, 0, cut, b), *bounds[k + 1:]]
            header = [*bounds[:k], (a, cut)]
            if all(map(_header_like, texts[:k])) and _names_enough([text[x:y] for x, y in header]) \
                    and 2 <= len(row) <= len(header):
                return _Header(header, row, before)
            break
        if not _header_like(texts[k]):
            break
    if all(map(_header_like, texts)) and _names_enough(texts):
        return _Header(bounds, [], before)
    return None


def flat_table(text: str, lines: list[tuple[int, int, str]], i: int) -> FlatTable | None:
    """The flattened table whose header is lines[i], or None; `lines` are (start, end, line) over `text`."""
    start, _, line = lines[i]
    if " / " not in line and not line.rstrip().endswith(" /"):
        return None
    found = _header(text, cells(start, line))
    if found is None:
        return None
    header, first = found.cells, found.first_row
    ncols = len(header)
    names = {col: text[a:b] for col, (a, b) in enumerate(header)}
    list_col = _list_column(names)
    rows = [_placed(first)] if first else []
    j = i + 1
    while j < len(lines):
        s, _, ln = lines[j]
        if not ln.strip():
            nxt = next((k for k in range(j + 1, len(lines)) if lines[k][2].strip()), None)
            if nxt is None or not _fits(text, lines[nxt], ncols, rows) or not (
                    _numbered(text, rows) or len(_trimmed(cells(lines[nxt][0], lines[nxt][2]))) == ncols):
                break  # a blank line goes on to a numbered row, or to a full one
            j = nxt
            continue
        bounds = _trimmed(cells(s, ln))
        if _wraps(text, bounds, ncols, rows):
            # the row's last cell goes on to this line (one cell over the line break), its other columns follow
            a0, _, last = rows[-1].pop()
            rows[-1] += [(a0, bounds[0][1], last)] + [(a, b, last + k) for k, (a, b) in enumerate(bounds) if k]
            j += 1
            continue
        merged = _merged(text, bounds, ncols, list_col, rows)
        if merged is None and not _fits(text, lines[j], ncols, rows):
            break
        rows.append(_placed(merged or bounds))
        j += 1
    if not rows or (ncols == 2 and not first and len(rows) < 2):
        return None
    spans = [(*found.before, {"kind": "paragraph"})] if found.before else []
    spans += [(a, b, _cell(0, col, names[col])) for col, (a, b) in enumerate(header) if b > a]
    for r, row in enumerate(rows, start=1):
        spans += [(a, b, _cell(r, col, names[col])) for a, b, col in row if b > a]
    return FlatTable(tuple(spans), j)


def _fits(text: str, line: tuple[int, int, str], ncols: int, rows: list) -> bool:
    """A line that carries the table on: two to ncols cells, no new header, a row number if the rows are numbered."""
    s, _, ln = line
    bounds = _trimmed(cells(s, ln))
    if not 2 <= len(bounds) <= ncols or _header(text, bounds) is not None:
        return False
    numbered = _numbered(text, rows)
    return not numbered or bool(_ROW_NUMBER.fullmatch(text[bounds[0][0]:bounds[0][1]]))


def _placed(bounds: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(a, b, col) for col, (a, b) in enumerate(bounds)]


def _wraps(text: str, bounds: list[tuple[int, int]], ncols: int, rows: list) -> bool:
    """A numbered row printed over two lines ("2 / Book the truck for the" + "north camp / Logistics / 6 May"):
    the line has no row number, and its cells, the first carrying on the row's last, fill the row exactly."""
    if not rows or not _numbered(text, rows) or len(bounds) < 2 or _ROW_NUMBER.fullmatch(text[slice(*bounds[0])]):
        return False
    used = rows[-1][-1][2] + 1
    return used < ncols and used + len(bounds) - 1 == ncols


def _numbered(text: str, rows: list[list[tuple[int, int, int]]]) -> bool:
    return bool(rows) and bool(_ROW_NUMBER.fullmatch(text[rows[0][0][0]:rows[0][0][1]]))


def _cell(row: int, col: int, header: str) -> dict:
    return {"kind": "table_cell", "part": "body", "row": row, "col": col, "column_header": header or None}


@lru_cache(maxsize=1)
def _roles() -> dict[str, re.Pattern]:
    """Column role -> its header, one source with the later stages (models/actions/patterns.json)."""
    roles = json.loads((MODELS_DIR / "actions" / "patterns.json").read_text(encoding="utf-8"))["column_headers"]
    return {role: re.compile(pattern, re.I) for role, pattern in roles.items()}


def _has_role(text: str, roles: tuple[str, ...]) -> bool:
    words = " ".join(text.strip(" :").split())
    return _header_like(text) and any(_roles()[r].fullmatch(words) for r in roles)


def _is_action_label(text: str) -> bool:
    return _has_role(text, ("action",))


# Columns whose cells may name two bodies or places with a spaced slash ("Ana Lio / ACME", "Dori / Kaya").
_LIST_ROLES = ("owner", "agency", "location")


def _list_column(names: dict[int, str]) -> int | None:
    """The one column that names owners, agencies or places, or None when there is not exactly one."""
    found = [col for col, name in names.items() if _has_role(name, _LIST_ROLES)]
    if not found:  # "Position/Organization": a column headed with two column names holds two cells on some rows
        found = [col for col, name in names.items() if "/" in name and all(map(_is_column_name, name.split("/")))]
    return found[0] if len(found) == 1 else None


def _merged(text: str, bounds: list[tuple[int, int]], ncols: int, list_col: int | None,
            rows: list) -> list[tuple[int, int]] | None:
    """A row with more cells than the header has columns, its surplus taken back into the one column that lists
    names ("2 / Map the wells / Ana Lio / ACME / 6 May" under "No / Action / Responsible / Deadline"); None when
    the table has no such column, or the row is no row of it."""
    extra = len(bounds) - ncols
    # beside one other column ("Topic / Who") the slash may as well be the topic's: no evidence either way
    if extra < 1 or list_col is None or ncols < 3 or _header(text, bounds) is not None:
        return None
    if _numbered(text, rows) and not _ROW_NUMBER.fullmatch(text[slice(*bounds[0])]):
        return None
    return [*bounds[:list_col], (bounds[list_col][0], bounds[list_col + extra][1]), *bounds[list_col + extra + 1:]]


def label_row(text: str, start: int, line: str) -> tuple[tuple[int, int, dict], ...] | None:
    """The spans of a label/value row, "Action points / - Share the plan": the label, an action column's name, as a
    paragraph (after a paragraph glued before it, "... minutesSummary of discussion"), the bulleted rest of
    the line as a list item; None for any other line."""
    bounds = cells(start, line)
    if len(bounds) < 2:
        return None
    (a, b), (v, _) = bounds[0], bounds[1]
    end = start + len(line.rstrip())
    if v >= end or not _BULLET.match(text, v):
        return None
    cut = a if _is_action_label(text[a:b]) else next(
        (a + m.start() for m in _GLUE.finditer(text[a:b]) if _is_action_label(text[a + m.start():b])), None)
    if cut is None:
        return None
    before = [(a, cut, {"kind": "paragraph"})] if cut > a else []
    return (*before, (cut, b, {"kind": "paragraph"}), (v, end, {"kind": "list_item", "level": 1}))
