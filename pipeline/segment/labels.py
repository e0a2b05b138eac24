"""Labelled header fields ("Chair: ...", "Date/Location: ...", "Asistentes ...") found in a document's lines.

Minutes put their metadata in "Label: value" lines, in table cells, or run several labels together on one line
(a PDF table read as text). Every label is found wherever it starts a line or follows a separator, and its value
runs to the next label or the end of the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Mapping

from pipeline.alternation import alternation
# load_labels is re-exported for entities/tag.py, which imports it from here
from pipeline.field_labels import field_labels, load_labels  # noqa: F401
from pipeline.model import Block
from pipeline.segment.attendance import label_value_cells

_WORDS = field_labels()
LABELS: Mapping[str, tuple[str, ...]] = _WORDS.fields
_BY_LABEL = {label: name for name, labels in LABELS.items() for label in labels}
_ALTERNATION = alternation(_BY_LABEL)
# A label at the start of a line (after a bullet or emphasis) and followed by ":" or "-", or any label followed by
# ":" elsewhere in the line, or one of the labels a PDF form puts before its value with no colon at all.
# A roll call counts its people or says how they joined: "Present (7):", "Excused (3):", "Present (online):".
_MODES = alternation(_WORDS.modes)
_COUNT = rf"(?:\s*\((?:\d{{1,3}}|{_MODES})\)|\s+(?:{_MODES}))?" if _MODES else r"(?:\s*\(\d{1,3}\))?"
# A roll call's sub-label that only says how the next names joined: "(online):", "En ligne :", "- Remote -".
MODE_LINE = re.compile(rf"^[\s*_\-–(]*(?:{_MODES or '(?!)'})[\s*_)\-–]*[:：]?[\s*_]*$", re.I)
_START = re.compile(rf"^[\s>*•·\-–]*(?:\*\*|__)?(?P<label>{_ALTERNATION})(?:\s*[/&]\s*\w+)?{_COUNT}(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?"
                    rf"|(?<=\s)(?P<label2>{_ALTERNATION}){_COUNT}(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s*", re.I)
_NO_COLON = _WORDS.no_colon
_FORM = re.compile(rf"(?:^|(?<=\s))(?P<label>{'|'.join(re.escape(x).replace(chr(92) + ' ', chr(92) + 's+') for x in _NO_COLON)})\s+",
                   re.I)


@dataclass(frozen=True)
class LabelledValue:
    field: str
    label: str
    start_char: int  # of the value, in the document
    end_char: int
    text: str  # the value as written


def lines(blocks: tuple[Block, ...]) -> Iterator[tuple[int, str, Block]]:
    """(start offset, line text, block) for each line of each block."""
    for b in blocks:
        pos = b.start_char
        for line in b.text.split("\n"):
            yield pos, line, b
            pos += len(line) + 1


# Header fields sit at the start of their line: a longer line is read this far, so a huge one costs nothing.
MAX_LABEL_LINE = 400


def labelled_values(line: str, offset: int) -> list[LabelledValue]:
    """The labelled values on one line, each running to the next label or the line's end."""
    line = line[:MAX_LABEL_LINE]
    marks = []
    for m in (_START.finditer(line) if ":" in line or "：" in line else ()):
        if m.group("label2") and not line[m.end():m.end() + 1].isupper() and not line[m.end():m.end() + 1].isdigit():
            continue  # mid-sentence "... the chair: keeping order" is prose, not a field
        marks.append((m.start(), m.end(), m.group("label") or m.group("label2")))
    for m in _FORM.finditer(line):
        if not any(s <= m.start() < e for s, e, _ in marks):
            marks.append((m.start(), m.end(), m.group("label")))
    marks.sort()
    out = []
    for i, (_, value_start, label) in enumerate(marks):
        value_end = marks[i + 1][0] if i + 1 < len(marks) else len(line)
        raw = line[value_start:value_end]
        stripped = raw.rstrip(" \t|,;*_")
        lead = len(stripped) - len(stripped.lstrip(" \t*_"))
        value = stripped[lead:]
        if not value:
            continue
        field = _BY_LABEL[re.sub(r"\s+", " ", label.lower())]
        out.append(LabelledValue(field, label, offset + value_start + lead, offset + value_start + lead + len(value), value))
    return out


def field_of(label_text: str) -> str | None:
    """The field a bare label names ("Present" -> participants), e.g. a table column header."""
    key = re.sub(r"\s+", " ", label_text.strip(" :*_\t").lower())
    return _BY_LABEL.get(key)


def is_label_cell(cell_text: str) -> bool:
    """A cell that is a header label alone: "Attendees", "Date:", "Reunión convocada por"."""
    return field_of(cell_text) is not None or bool(labelled_values(cell_text + " x", 0))


def _cell_value(blocks: tuple[Block, ...], block: Block, line: str) -> LabelledValue | None:
    """The value of a label/value table row: a cell that is only a label, and the first line of the cell after it."""
    if block.table_id is None or line.strip() != block.text.strip() or labelled_values(line, 0):
        return None
    label = line.strip(" :*_\t")
    field = field_of(label)
    if field is None:
        return None
    for pos, value_line, cell in lines(tuple(label_value_cells(blocks, block, is_label_cell))):
        value = value_line.strip()
        if value and field_of(value) is None:
            start = pos + value_line.index(value)
            return LabelledValue(field, label, start, start + len(value), value)
    return None


def header_values(blocks: tuple[Block, ...]) -> list[LabelledValue]:
    """Labelled values of these blocks, including a form's "Label:" line whose value is the next line."""
    out: list[LabelledValue] = []
    pending: tuple[str, str] | None = None
    for pos, line, block in lines(blocks):
        if not line.strip():
            continue
        cell_value = _cell_value(blocks, block, line)
        if cell_value is not None:  # "Facilitator" | "Priya Raman": a label cell and its value cell, no colon
            out.append(cell_value)
            pending = None
            continue
        found = labelled_values(line, pos)
        if pending and not found and not labelled_values(line + " x", pos):
            lead = len(line) - len(line.lstrip())
            value = line.strip()
            out.append(LabelledValue(pending[0], pending[1], pos + lead, pos + lead + len(value), value))
        pending = None
        out += found
        if not found:
            bare = labelled_values(line.rstrip() + " x", pos)
            if len(bare) == 1 and bare[0].text == "x":
                pending = (bare[0].field, bare[0].label)
    return out
