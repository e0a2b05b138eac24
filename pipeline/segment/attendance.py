"""Attendance tables read by their columns, from .docx and PDF cells alike.

A table is an attendance table when a column holds names (a "Name" column, or "First name" beside "Last name")
and another column describes the person (organisation, position, e-mail, a "Present" yes/no column), and no
column holds actions. Each row gives one person: the name cells joined, the row's role and organisation, and a
status from its present/attendance cell ("no" is absent, "excused" sends apologies). A label/value table
("Attendees" | one name per line) is read by `label_value_cells`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping

from pipeline.model import Block


@dataclass(frozen=True)
class Columns:
    """Column header patterns and the status words of attendance cells, compiled from models/segment/participants.json."""

    name: re.Pattern
    detail: re.Pattern
    first: re.Pattern
    last: re.Pattern
    status: re.Pattern
    role: re.Pattern
    org: re.Pattern
    honorific: re.Pattern  # a cell that is an honorific alone ("Dr", "Prof."): a Title column, no role
    values: Mapping[str, str]  # a cell's word -> present | absent | apologies


def compile_columns(words: Mapping[str, tuple[str, ...]]) -> Columns:
    def alt(concern: str) -> re.Pattern:
        return re.compile("|".join(sorted(words[concern], key=len, reverse=True)), re.I)

    values = {}
    for concern, status in (("present_values", "present"), ("absent_values", "absent"), ("excused_values", "apologies")):
        values.update({w.lower(): status for w in words[concern]})
    return Columns(
        name=alt("name_columns"), detail=alt("detail_columns"), first=alt("first_name_columns"),
        last=alt("last_name_columns"), status=alt("status_columns"),
        role=re.compile(rf"\b(?:{alt('role_columns').pattern})\b", re.I),
        org=re.compile(rf"\b(?:{alt('org_columns').pattern})", re.I),
        honorific=re.compile(rf"(?:{'|'.join(map(re.escape, words['honorifics']))})\.?", re.I),
        values=values)


@dataclass(frozen=True)
class Person:
    """One row of an attendance table: where its name is written, the name, and what its row says of it."""

    start_char: int
    end_char: int
    name: str
    status: str
    role: str | None
    organisation: str | None


ROW_NUMBER = re.compile(r"^\s*\d{1,3}[.)]?\s+(?=\D)")


def _header(b: Block) -> str:
    return re.sub(r"\s+", " ", (b.column_header or "").strip(" :*_\t")).lower()


# In this order: names and status must be the whole header; organisation, role and detail words may sit in it.
COLUMN_TESTS = (("first", "fullmatch"), ("last", "fullmatch"), ("name", "fullmatch"), ("status", "fullmatch"),
                ("org", "search"), ("role", "search"), ("detail", "search"))


def _column_kinds(cells: list[Block], cols: Columns) -> dict[int, str]:
    """col -> name | first | last | status | role | org | detail, read from the header of each column."""
    kinds: dict[int, str] = {}
    for b in cells:
        if b.col is None or b.col in kinds or not b.column_header:
            continue
        h = _header(b)
        kind = next((k for k, how in COLUMN_TESTS if getattr(getattr(cols, k), how)(h)), None)
        if kind in ("org", "role") and "/" in h and cols.org.search(h) and cols.role.search(h):
            # "Position/Organisation": each cell is "role/organisation", in the header's order
            kind = "role_org" if cols.role.search(h).start() < cols.org.search(h).start() else "org_role"
        if kind:
            kinds[b.col] = kind
    if "first" in kinds.values() and not {"name", "last"} & set(kinds.values()):
        # "Nombre | Organización": a given-name header with no surname column beside it heads the whole name
        kinds = {c: "name" if k == "first" else k for c, k in kinds.items()}
    if "first" in kinds.values():  # "Prénom | Nom": beside a first-name column, the "Name" column is the surname
        kinds = {c: "last" if k == "name" else k for c, k in kinds.items()}
    return kinds


def attendance_people(blocks: tuple[Block, ...], cols: Columns) -> list[Person]:
    """Every person listed in the attendance tables of these blocks, one per row, in document order."""
    tables: dict[int, list[Block]] = {}
    for b in blocks:
        if b.table_id is not None:
            tables.setdefault(b.table_id, []).append(b)
    out: list[Person] = []
    for cells in tables.values():
        if any(b.column_role == "action" for b in cells):
            continue
        kinds = _column_kinds(cells, cols)
        names = {c for c, k in kinds.items() if k in ("name", "first", "last")}
        has_name = "name" in kinds.values() or {"first", "last"} <= set(kinds.values())
        if not has_name or not any(k in ("status", "org", "role", "detail") for k in kinds.values()):
            continue
        if set(kinds.values()) <= {"name", "first", "last", "status"} and not _says_attendance(cells, kinds, cols):
            continue  # "Member | Status" of a task list: a status column alone makes a roll call only if it says so
        rows: dict[int, list[Block]] = {}
        for b in cells:
            if b.row and b.col is not None:  # row 0 is the header row
                rows.setdefault(b.row, []).append(b)
        for row in rows.values():
            out += _row_people(row, kinds, names, cols)
    return out


def _says_attendance(cells: list[Block], kinds: dict[int, str], cols: Columns) -> bool:
    """Most filled cells of the status column hold attendance words (yes / no / present / excused)."""
    values = [" ".join(b.text.split()).lower() for b in cells if b.row and kinds.get(b.col) == "status" and b.text.strip()]
    return bool(values) and sum(v.strip(" .!") in cols.values for v in values) >= 0.6 * len(values)


def _row_people(row: list[Block], kinds: dict[int, str], names: set[int], cols: Columns) -> list[Person]:
    """One person per row; a Name cell with a full name on each of its lines lists one person per line."""
    named = [b for b in row if kinds.get(b.col) == "name" and b.text.strip()]
    lines = [ln for b in named for ln in _cell_lines(b)]
    if len(lines) > 1 and all(len(ln[2].split()) >= 2 for ln in lines):
        person = _row_person(row, kinds, names, cols)
        if person is None:
            return []
        return [Person(start, end, text, person.status, person.role, person.organisation) for start, end, text in lines]
    person = _row_person(row, kinds, names, cols)
    return [person] if person else []


def _cell_lines(b: Block) -> list[tuple[int, int, str]]:
    out, pos = [], b.start_char
    for line in b.text.split("\n"):
        bare = line.strip()
        if bare:
            start = pos + line.index(bare)
            out.append((start, start + len(bare), " ".join(bare.split())))
        pos += len(line) + 1
    return out


def _row_person(row: list[Block], kinds: dict[int, str], names: set[int], cols: Columns) -> Person | None:
    parts = {k: [b for b in row if kinds.get(b.col) == k and b.text.strip()] for k in ("name", "first", "last")}
    pieces = parts["name"] or parts["first"] + parts["last"]
    if not pieces:
        return None
    if any(b.text.strip() == (b.column_header or "").strip() for b in pieces):
        return None  # a header row repeated on a later page
    # "1.  Ana Ruiz": a flattened table keeps the row's number in its first cell; it is no part of the name
    numbered = ROW_NUMBER.match(pieces[0].text)
    skip = numbered.end() if numbered and len(pieces[0].text) > numbered.end() else 0
    name = " ".join(" ".join(b.text.split()) for b in pieces)[len(" ".join(pieces[0].text[:skip].split())):].strip()
    if not re.search(r"[^\W\d_]{2}", name) or len(name.split()) > 6:
        return None
    written = [b for b in row if b.col in names and b.text.strip()]
    start = min(b.start_char + (skip if b is pieces[0] else len(b.text) - len(b.text.lstrip())) for b in written)
    end = max(b.start_char + len(b.text.rstrip()) for b in written)
    status, role, org = "present", None, None
    for b in row:
        value = " ".join(b.text.split())
        kind = kinds.get(b.col)
        if not value or kind is None:
            continue
        if kind == "status":
            status = cols.values.get(value.lower().strip(" .!"), status)
        elif kind == "org" and org is None:
            org = value
        elif kind == "role" and role is None and not cols.honorific.fullmatch(value):
            role = value  # a "Title" column of "Dr" / "Prof" holds honorifics, not roles
        elif kind in ("role_org", "org_role") and org is None:
            role, org = _role_and_org(value, role, kind == "org_role")
    return Person(start, end, name, status, role, org)


def _role_and_org(value: str, role: str | None, org_first: bool) -> tuple[str | None, str | None]:
    """A "Position/Organisation" cell: "Field Officer/ACME" is a role and an organisation; one part alone is the
    organisation ("ACME"), as the cell names whom the person speaks for before what they do."""
    parts = [p.strip() for p in (value.split("/", 1) if org_first else value.rsplit("/", 1))]
    if len(parts) < 2 or not all(parts):
        return role, value
    first, second = parts
    return (role or second, first) if org_first else (role or first, second)


def label_value_cells(blocks: tuple[Block, ...], label: Block, is_label: Callable[[str], bool] | None = None) -> list[Block]:
    """The value cells of a label cell ("Attendees" | one name per line): the cells after it in its row.

    With `is_label`, only in a label/value table: the label sits in the first column, and that column holds
    at least two labels ("Date", "Attendees"), so a "Chair" in an attendance table's Role column is no label.
    """
    if label.table_id is None or label.col is None:
        return []
    if is_label is not None:
        firsts = [b.text.strip() for b in blocks if b.table_id == label.table_id and b.col == 0 and b.text.strip()]
        if label.col != 0 or sum(map(is_label, firsts)) < 2:
            return []
    out = []
    for b in blocks[label.ordinal + 1:]:
        if b.table_id != label.table_id or b.row != label.row:
            break
        if b.col is not None and b.col > label.col:
            out.append(b)
    return out
