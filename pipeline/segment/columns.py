"""Table column roles: what a column holds, read from its header cell, so later stages can read a row as a record.

A "Next steps" cell is an action whose owner sits in the same row's "Responsible" cell and whose deadline
sits in its "Deadline" cell. Roles: issue, action, owner, deadline, status.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.model import Block

# Column roles have one source, shared with the action stage: the "column_headers" section of
# models/actions/patterns.json, role -> header regex, checked in its order ("Action by" is an owner column,
# "Action point" an action column). Segment matches a whole header (or its first part); actions search inside one.
COLUMN_ROLES_PATH = MODELS_DIR / "actions" / "patterns.json"


def load_roles(path: Path = COLUMN_ROLES_PATH) -> tuple[tuple[str, re.Pattern], ...]:
    raw = json.loads(path.read_text(encoding="utf-8"))["column_headers"]
    return tuple((role, re.compile(pattern, re.I)) for role, pattern in raw.items())


_ROLES = load_roles()


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
    return None


def table_roles(blocks: tuple[Block, ...]) -> dict[tuple[int, int], str]:
    """(table_id, col) -> role for every table; a date column is a deadline only in a table that has actions."""
    roles: dict[tuple[int, int], str] = {}
    for b in blocks:
        if b.table_id is None or b.col is None or (b.table_id, b.col) in roles:
            continue
        role = column_role(b.column_header)
        if role:
            roles[(b.table_id, b.col)] = role
    with_actions = {t for (t, _), r in roles.items() if r == "action"}
    return {k: r for k, r in roles.items() if r in ("issue", "action") or k[0] in with_actions}


def with_column_roles(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with `column_role` set on every cell of a column whose header names a role."""
    roles = table_roles(blocks)
    if not roles:
        return blocks
    return tuple(replace(b, column_role=roles.get((b.table_id, b.col))) if b.table_id is not None else b
                 for b in blocks)
