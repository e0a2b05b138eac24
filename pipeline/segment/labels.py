"""Labelled header fields ("Chair: ...", "Date/Location: ...", "Asistentes ...") found in a document's lines.

Minutes put their metadata in "Label: value" lines, in table cells, or run several labels together on one line
(a PDF table read as text). Every label is found wherever it starts a line or follows a separator, and its value
runs to the next label or the end of the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from pipeline.model import Block

# field -> label words (English, French, Spanish, German, Portuguese). Longer labels win over their prefixes.
LABELS: dict[str, tuple[str, ...]] = {
    "meeting_date": ("meeting date", "date of meeting", "date", "dates", "day", "fecha de reunión", "fecha de la reunión",
                     "fecha", "date de la réunion", "datum", "data", "when"),
    "meeting_time": ("time", "start time", "meeting time", "hora de reunión", "hora de inicio", "hora", "heure",
                     "horaire", "zeit", "horário"),
    "location": ("location", "venue", "place", "where", "lugar de reunión", "lugar", "lieu", "emplacement", "salle",
                 "ort", "local",
                 "meeting place", "room"),
    "chair": ("chair", "chairperson", "chair person", "chairman", "chairwoman", "chaired by", "chair/facilitator",
              "facilitator", "facilitated by", "moderator", "moderated by", "presiding", "presided by", "convened by",
              "reunión convocada por", "convocada por", "presidente", "presidenta", "président", "présidente",
              "présidée par", "présidé par", "vorsitz", "leitung", "host", "hosted by", "lead", "led by"),
    "secretary": ("minutes by", "minute taker", "minute-taker", "minutes taken by", "note taker", "note-taker",
                  "notetaker", "notes by", "notes taken by", "notary", "secretary", "recorder", "scribe",
                  "rapporteur", "rédacteur", "rédactrice", "rédigé par", "secretario", "secretaria", "secrétaire", "protokoll", "taking minutes"),
    "participants": ("participants", "participating organizations", "participating organisations",
                     "attending organizations", "attending organisations", "organizations present",
                     "organisations present", "participating agencies", "agencies present", "organisations",
                     "organizations", "agencies",
                     "participants’ organizations", "participants' organizations", "participants’ organisations",
                     "participants' organisations", "attendees", "attendance", "attending", "attended by", "present",
                     "in attendance", "members present", "people present", "asistentes", "presentes", "participantes",
                     "assistants", "présents", "présent(e)s", "anwesend", "teilnehmer", "committee members present",
                     "who", "team members", "members"),
    "apologies": ("apologies", "apologies received", "regrets", "absent", "absentees", "excused", "not present",
                  "ausentes", "excusados", "absents", "excusés", "entschuldigt"),
    "guests": ("guests", "guest", "also present", "observers", "invited", "invitados", "invités"),
    "title": ("subject", "title", "meeting title", "meeting name", "tipo de reunión", "asunto", "objet", "objeto",
              "objet de la réunion", "betreff"),
    "next_meeting": ("next meeting", "date of next meeting", "next meeting date", "próxima reunión",
                     "prochaine réunion", "nächste sitzung", "next call", "next session"),
}
_BY_LABEL = {label: name for name, labels in LABELS.items() for label in labels}
_ALTERNATION = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in sorted(_BY_LABEL, key=len, reverse=True))
# A label at the start of a line (after a bullet or emphasis) and followed by ":" or "-", or any label followed by
# ":" elsewhere in the line, or one of the labels a PDF form puts before its value with no colon at all.
_START = re.compile(rf"^[\s>*•·\-–]*(?:\*\*|__)?(?P<label>{_ALTERNATION})(?:\s*[/&]\s*\w+)?(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?"
                    rf"|(?<=\s)(?P<label2>{_ALTERNATION})(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s*", re.I)
_NO_COLON = ("reunión convocada por", "convocada por", "fecha de reunión", "hora de reunión", "lugar de reunión",
             "tipo de reunión", "asistentes", "chaired by", "convened by", "présidée par", "présidé par")
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


def header_values(blocks: tuple[Block, ...]) -> list[LabelledValue]:
    """Labelled values of these blocks, including a form's "Label:" line whose value is the next line."""
    out: list[LabelledValue] = []
    pending: tuple[str, str] | None = None
    for pos, line, _ in lines(blocks):
        if not line.strip():
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
