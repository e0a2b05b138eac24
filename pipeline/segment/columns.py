"""Table column roles: what a column holds, read from its header cell, so later stages can read a row as a record.

A "Next steps" cell is an action whose owner sits in the same row's "Responsible" cell and whose deadline
sits in its "Deadline" cell. Roles: issue, action, owner, deadline, status.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Block

# Checked in this order: "Action by" is an owner column, "Action point" an action column.
_ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("owner", r"(?:action\s+)?by\s+whom|action\s+by|who|responsib\w*|owners?|focal\s+points?|allocated\b.*|"
              r"assigned(?:\s+to)?|assignees?|lead(?:\s+(?:agency|organi[sz]ation|person))?|person\s+in\s+charge|"
              r"in\s+charge|responsable\w*|encargad[oa]s?|a\s+cargo|qui|porteurs?"),
    ("deadline", r"deadlines?|due(?:\s+dates?|\s+by)?|by\s+when|when|time\s*lines?|time\s*frames?|target\s+dates?|"
                 r"dates?|plazos?|fechas?(?:\s+l[ií]mites?)?|[ée]ch[ée]ances?|d[ée]lais?|quand"),
    ("status", r"status|progress|state|estado|[ée]tat|statut|avancement|done\?"),
    ("action", r"next\s+steps?|action(?:s|\s+points?|\s+items?|\s+made|\s+required|\s+to\s+be\s+taken)?|"
               r"follow[\s-]*ups?|way\s+forward|recommendations?|to\s*dos?|tasks?|decisions?(?:\s+and\s+actions?)?|"
               r"agreed\s+actions?|acci[oó]n(?:es)?|acuerdos?|tareas?|pr[oó]ximos\s+pasos|seguimiento|"
               r"actions?\s+[àa]\s+mener|suites?(?:\s+[àa]\s+donner)?|prochaines\s+[ée]tapes|d[ée]cisions?"),
    ("issue", r"issues?(?:\s+discussed)?|discussions?|topics?|agenda(?:\s+items?)?|items?|subjects?|"
              r"points?(?:\s+discussed)?|summary|notes?|descriptions?|details|updates?|temas?|asuntos?|"
              r"puntos?|sujets?|points?\s+discut[ée]s|ordre\s+du\s+jour|discussion\s+points?"),
)
_ROLES = tuple((role, re.compile(rf"(?:{pattern})", re.I)) for role, pattern in _ROLE_PATTERNS)


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
