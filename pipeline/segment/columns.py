"""Table column roles: what a column holds, read from its header cell, so later stages can read a row as a record.

A "Next steps" cell is an action whose owner sits in the same row's "Responsible" cell and whose deadline
sits in its "Deadline" cell. Roles: issue, action, owner, deadline, status, agency (the
organisation a row reports for: the owner when no column names one), location; "header" marks
the cells of a header that takes more than one row (a merged title row, a group row over split columns).
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.model import MARGIN_PARTS, Block

# Column roles have one source, shared with the action stage: the "column_headers" section of
# models/actions/patterns.json, role -> header regex, checked in its order ("Action by" is an owner column,
# "Action point" an action column). Segment matches a whole header (or its first part); actions search inside one.
COLUMN_ROLES_PATH = MODELS_DIR / "actions" / "patterns.json"


def load_roles(path: Path = COLUMN_ROLES_PATH, *, words: bool = False) -> tuple[tuple[str, re.Pattern], ...]:
    """role -> header regex in the data's order; `words`: to search for the role's words inside a header."""
    raw = json.loads(path.read_text(encoding="utf-8"))["column_headers"]
    return tuple((role, re.compile(rf"\b{pattern}\b" if words else pattern, re.I)) for role, pattern in raw.items())


_ROLES = load_roles()
_ROLE_WORDS = load_roles(words=True)
# A short header that is not a role name as a whole is read by the role words it holds ("Responsible agency",
# "Completion date"), in the data's order, as the action stage reads headers; a longer one says too much.
_SHORT_HEADER = 3


def column_role(header: str | None) -> str | None:
    """The role of a column from its header text ("Next steps" -> action), None when it says nothing we use."""
    if not header:
        return None
    words = re.sub(r"\(s\)|[^\w\s/&?-]", " ", header.lower())
    words = re.sub(r"\s+", " ", words).strip()
    if not words or len(words) > 60:
        return None
    for role, pattern in _ROLES:
        # the whole header, or its first part before "/", "&" or "and" ("Responsible / Lead", "Status & date")
        for part in (words, *re.split(r"\s*(?:/|&|\band\b)\s*", words)[:1]):
            if pattern.fullmatch(part.strip()):
                return role
    if len(words.split()) <= _SHORT_HEADER:
        return next((role for role, pattern in _ROLE_WORDS if pattern.search(words)), None)
    return None


# Rows a table's header may take: a title row merged over the table ("Action Points"), a group row over split
# columns ("Follow-up" over "Responsible" | "Deadline"), then the column names.
HEADER_DEPTH = 3


def _cell_texts(cells: list[Block]) -> dict[tuple[int, int], str]:
    """(row, col) -> the cell's text, its paragraphs joined."""
    out: dict[tuple[int, int], str] = {}
    for b in cells:
        key = (b.row or 0, b.col)
        out[key] = f"{out[key]} {b.text}".strip() if key in out else b.text.strip()
    return out


def header_rows(cells: list[Block]) -> tuple[int, dict[int, str]]:
    """How many rows a table's header takes, and each column's header text.

    A column is named by the lowest header row that has a cell of its own there (a cell merged down from above
    leaves none), so "Follow-up" over "Responsible" names the column "Responsible" and a merged title row above
    the names is read as a title. The depth is the one whose names give the most distinct roles, then the most columns a role; on a tie the
    shallower, so a data row is never read as a header. Depth 1 keeps ingest's own header, merged cells spread.
    """
    texts = _cell_texts(cells)
    first = {b.col: b.column_header for b in cells if b.column_header}
    n_rows = max((b.row or 0 for b in cells), default=0) + 1
    best, best_names, best_score = 1, first, _score(first)
    names = dict(first)
    for depth in range(2, min(HEADER_DEPTH, n_rows - 1) + 1):
        names.update({c: t for (r, c), t in texts.items() if r == depth - 1 and t})
        score = _score(names)
        if score > best_score:
            best, best_names, best_score = depth, dict(names), score
    return best, best_names


def _score(names: dict[int, str]) -> tuple[int, int]:
    """Distinct roles first (a title merged over five columns names one role five times), then named columns."""
    roles = [r for r in map(column_role, names.values()) if r]
    return len(set(roles)), len(roles)


def table_roles(blocks: tuple[Block, ...], headers: dict[int, tuple[int, dict[int, str]]] | None = None
                ) -> dict[tuple[int, int], str]:
    """(table_id, col) -> role for every table; a date column is a deadline only in a table that has actions.
    `headers`: table_headers(blocks), when the caller has read them already."""
    roles: dict[tuple[int, int], str] = {}
    for table_id, (_, names) in (table_headers(blocks) if headers is None else headers).items():
        for col, header in names.items():
            role = column_role(header)
            if role:
                roles[(table_id, col)] = role
    with_actions = {t for (t, _), r in roles.items() if r == "action"}
    with_owner = {t for (t, _), r in roles.items() if r == "owner"}
    # A 4W matrix with no "Responsible" column: the agency reporting the row owns its next steps.
    roles = {k: "owner" if r == "agency" and k[0] not in with_owner else r for k, r in roles.items()}
    # a location column names places in any table (a 4W matrix may list activities and no next steps)
    return {k: r for k, r in roles.items() if r in ("issue", "action", "location") or k[0] in with_actions}


def table_headers(blocks: tuple[Block, ...]) -> dict[int, tuple[int, dict[int, str]]]:
    """table_id -> (header depth, col -> header text), read from each table's own first rows."""
    return {t: header_rows(cells) for t, cells in _tables(blocks).items()}


def _tables(blocks: tuple[Block, ...]) -> dict[int, list[Block]]:
    """table_id -> its cells, in document order."""
    tables: dict[int, list[Block]] = {}
    for b in blocks:
        if b.table_id is not None and b.col is not None:
            tables.setdefault(b.table_id, []).append(b)
    return tables


def joined_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with a table that goes on from the one before it given that table's id, rows numbered on.

    Word splits a long table in two at a page break, and the second part often has no header row: it goes on
    from the first when it is as wide, fewer than half the cells of its own first row name a role other than
    their column's (a data cell may read "WHO" under "Responsible"; an attendance table's "Name | Organisation"
    is a header of its own) while the first part's header names roles, and nothing but empty lines or page
    furniture stands between the two.
    """
    tables = _tables(blocks)
    if len(tables) < 2:
        return blocks
    order = sorted(tables, key=lambda t: tables[t][0].ordinal)
    target: dict[int, tuple[int, int]] = {}  # table_id -> (the id it goes on, rows before it)
    for prev, table in zip(order, order[1:]):
        head, cells = target.get(prev, (prev, 0)), tables[table]
        last, first = tables[prev][-1].ordinal, cells[0].ordinal
        between = [b for b in blocks if last < b.ordinal < first and b.text.strip() and b.part not in MARGIN_PARTS]
        width = {len({b.col for b in tables[t]}) for t in (head[0], table)}
        head_roles = {c: r for (_, c), r in table_roles(tuple(tables[head[0]])).items()}
        first_row = {c: t for (r, c), t in _cell_texts(cells).items() if r == 0}
        # a cell naming the role its column already has is a value ("WHO" under "Responsible"), not a header
        named = sum(1 for c, t in first_row.items() if column_role(t) not in (None, head_roles.get(c)))
        if between or len(width) != 1 or 2 * named >= len(first_row) or not head_roles:
            continue
        target[table] = (head[0], head[1] + max(b.row or 0 for b in tables[prev]) + 1)
    if not target:
        return blocks
    return tuple(replace(b, table_id=target[b.table_id][0], row=target[b.table_id][1] + (b.row or 0),
                         column_header=None) if b.table_id in target else b for b in blocks)


def transposed_records(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with a table that names its fields down its first column read as rows of columns.

    One table per action point, "Action | ..." / "Responsible | ..." / "Deadline | ...": its first column names
    two roles or more, one of them an action, and more of them than its first row does. Its row and column
    numbers are swapped, so the field names become the header row and each further column one record.
    """
    tables = _tables(blocks)
    flip: dict[int, dict[int, str]] = {}
    for table_id, cells in tables.items():
        texts = _cell_texts(cells)
        keys = {r: t for (r, c), t in texts.items() if c == 0}
        down = [column_role(t) for t in keys.values()]
        across = {column_role(t) for (r, c), t in texts.items() if r == 0} - {None}
        named = {r for r in down if r}
        if len(keys) >= 2 and "action" in named and len(named) >= 2 and len(named) > len(across):
            flip[table_id] = keys
    if not flip:
        return blocks
    return tuple(replace(b, row=b.col, col=b.row or 0, column_header=flip[b.table_id].get(b.row or 0), row_span=None)
                 if b.table_id in flip and b.col is not None else b for b in blocks)


def with_column_roles(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with `column_role` set on every cell of a column whose header names a role.

    A table whose header takes more than one row gets each column's header from those rows, and the cells of
    its header rows the role "header", so no later stage reads a title or group row as a record. A table Word
    split in two goes on as one (joined_tables); a table of fields down its first column is read across
    (transposed_records).
    """
    blocks = joined_tables(transposed_records(blocks))
    headers = table_headers(blocks)
    roles = table_roles(blocks, headers)
    if not roles:
        return blocks
    out = []
    for b in blocks:
        if b.table_id is None or b.col is None:
            out.append(b)
            continue
        depth, names = headers[b.table_id]
        if depth == 1:
            out.append(replace(b, column_header=b.column_header or names.get(b.col),
                               column_role=roles.get((b.table_id, b.col))))
            continue
        in_header = (b.row or 0) < depth
        out.append(replace(b, column_header=names.get(b.col, b.column_header),
                           column_role="header" if in_header else roles.get((b.table_id, b.col))))
    return tuple(out)
