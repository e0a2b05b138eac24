"""Who attended: the attendance lists of a meeting, entry by entry, with organisation, role and status.

Lists come as a labelled line ("Attendees: A, B (Org), C"), as a label followed by one name per line or list
item, as a section headed "Present"/"Asistentes", or as a participants table read from a PDF ("AT Dr Jane Doe MC
Member jane@x.org yes"), where each honorific opens a name.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from pipeline.config import MODELS_DIR
from pipeline.markup import ADDRESS

from pipeline.model import MARGIN_PARTS, REMARK_PARTS, Block, Participant
from pipeline.segment.chair import person_in
from pipeline.segment.roll_call import Listed, agency_lines, bracketed_lists, labelled_agency_runs, split_label_runs
from pipeline.segment.attendance import attendance_people, compile_columns, label_value_cells
from pipeline.segment.headings import BULLET, FRONT_MATTER, NUMBER, clean_heading, is_field, is_topic_line, words
from pipeline.segment.labels import (MAX_LABEL_LINE, MODE_LINE, LabelledValue, field_of, header_values, is_label_cell,
                                     labelled_values, lines)
from pipeline.segment.lexicon import is_common_word, is_first_name, looks_like_org

PARTICIPANT_WORDS_PATH = MODELS_DIR / "segment" / "participants.json"


def load_participant_words(path: Path = PARTICIPANT_WORDS_PATH) -> Mapping[str, tuple[str, ...]]:
    """Attendance-list words of every language section, merged: concern -> regex fragments."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    merged: dict[str, list[str]] = {}
    for lang, section in raw.items():
        if not lang.startswith("_"):
            for concern, fragments in section.items():
                merged.setdefault(concern, []).extend(f for f in fragments if f not in merged[concern])
    return MappingProxyType({k: tuple(v) for k, v in merged.items()})


_WORDS = load_participant_words()


def _alt(concern: str) -> str:
    return "|".join(sorted(_WORDS[concern], key=len, reverse=True))


_HONORIFICS = "|".join(sorted(map(re.escape, _WORDS["honorifics"]), key=len, reverse=True))

STATUS = {"participants": "present", "apologies": "apologies", "guests": "guest", "chair": "present",
          "secretary": "present"}
ROLE_OF_FIELD = {"chair": "chair", "secretary": "note-taker"}
ONE_PERSON = {"chair"}  # "Chair: Jane Doe, Head of Office" names one person; "Notes: A & B" may name two
ROLE_WORDS = re.compile(rf"\b(?:{_alt('role_words')})\b", re.I)
SPLIT = re.compile(rf"\s*(?:[,;|]|\b(?:{_alt('joiners')})\b|\s&\s)\s*")  # "A, B and C", "A et B"
HONORIFIC_NAME = re.compile(rf"\b(?:{_HONORIFICS})\.?\s+"
                            rf"(?P<name>[A-ZÀ-ÖØ-Ý][\w'’.-]+(?:[ \t]+(?:(?:{_alt('name_particles')})[ \t]+)?"
                            r"(?!MC\b|[A-Z]{2}\b)[A-ZÀ-ÖØ-Ý][\w'’-]*){1,3})")
NOBODY = re.compile(_alt("nobody"), re.I)
HONORIFIC = re.compile(rf"^(?:{_HONORIFICS})\.?\s+(?=[A-ZÀ-ÖØ-Ý])")
# "Commissioners D. Smith", "Vice Chair Tran": an office title before a capitalised name, kept as the role.
TITLE_PREFIX = re.compile(rf"^(?P<title>(?i:{_alt('title_prefixes')}))\s+(?=[A-ZÀ-ÖØ-Ý])")
LIST_SECTION = re.compile(rf"^(?:{_alt('list_headings')})\b", re.I)
# "ANNEX 2 - LIST OF PARTICIPANTS", "Appendix B: Attendees": an annex that holds the attendance list.
ANNEX_PREFIX = re.compile(rf"^(?:{_alt('annex_words')})(?:es)?\s*[\w.]{{0,5}}\s*[-–—:.)]\s*", re.I)


# The Name column of an attendance table, and the columns beside it that make the table one.
NAME_COLUMN = re.compile(_alt("name_columns"))
DETAIL_COLUMN = re.compile(_alt("detail_columns"))
COLUMNS = compile_columns(_WORDS)

MAX_LISTED = 500
LIST_LANGUAGES = _WORDS["word_frequency"]  # a lone ordinary word of any of these is no name ("Notes", "Sujet")
# Attendance fields ("Present:", "Agencies:") are read in the document's opening blocks; later, only a list
# headed as one ("List of participants") counts, so "Agencies: UNICEF will lead ..." in the body is no roll call.
HEADER_ZONE = 60
AGENCY_ZONE = 12  # a line of agencies alone, unlabelled, is a roll call only this close to the top


@dataclass(frozen=True)
class Entry:
    start_char: int
    end_char: int
    text: str
    status: str
    role: str | None = None
    org_list: bool = False  # from a list labelled as organisations
    group_org: str | None = None  # the organisation an "Org – Name, Name" group gives its people
    name: str | None = None  # the name as read when the text is not it ("Laura" and "Kovacs" in two cells)


def find_participants(text: str, blocks: tuple[Block, ...]) -> tuple[Participant, ...]:
    """Participants from labelled lines, the lines that follow an empty label, and participant sections."""
    entries: list[Entry] = []
    taken: set[int] = set()
    starts: set[int] = set()  # where attendance lists begin: honorific names are read from the first one on
    top = tuple(b for b in blocks[:HEADER_ZONE] if b.part not in REMARK_PARTS)
    for v in header_values(top):  # "Attendees: A, B" and a form's "Minute Taker:" / "Tan Mei Ling"
        if v.field in STATUS and not _column_header(v.text):  # "Participants:" over a column headed "Organisation"
            entries += _split_value(_unclipped(v, text), text)
    entries += [_listed(text, x) for x in bracketed_lists(blocks)]  # "Ana Ruiz (ACME), Rui Sousa (NORTHAID), ..."
    entries += [_listed(text, x) for x in labelled_agency_runs(top, LIST_WORD, LAST_JOINER)]  # "Attended : ACME, ..."
    entries += [_listed(text, x) for x in split_label_runs(top, SPLIT_LABEL, LABEL_COLON, RUN_JOINER)]  # "ACME, Attending BRAVO, ..."
    starts |= set(_run_on_labels(top))
    for pos, line, block in lines(blocks):
        if block.part in REMARK_PARTS:  # a reviewer's "Add: Dana Roe" is no roll call
            continue
        in_top = block.ordinal < HEADER_ZONE
        listed = next((v.field for v in labelled_values(line, pos) if v.field in STATUS), None) if in_top else None
        label_only = [v for v in labelled_values(line + " x", pos) if v.field in ("participants", "apologies", "guests")
                      and v.text == "x"] if in_top else []
        label_cell = in_top and block.table_id is not None and line.strip() == block.text.strip() \
            and field_of(line) in ("participants", "apologies", "guests") and _values_beside(blocks, block)
        if block.table_id is not None and not block.row and not label_cell:
            continue  # a column headed "Present": read by _table_columns
        if label_cell and not label_only:
            label_only = [LabelledValue(field_of(line), line.strip(), pos, pos, "x")]
        bare_line = _without_aside(clean_heading(line))
        if label_only or (block.kind == "heading" and LIST_SECTION.match(bare_line)) \
                or LIST_SECTION.fullmatch(bare_line) or in_top and _list_label(line) \
                or listed in ("participants", "apologies", "guests"):
            status = STATUS[label_only[0].field if label_only else listed or "participants"]
            entries += _following_names(text, blocks, block, status, taken)
            starts.add(pos)
    entries += _table_columns(text, blocks)
    entries += _flattened_tables(blocks)
    entries += _cell_rows(blocks)
    if not entries:  # no list names anyone: the opening lines may name them in a sentence, or list agencies alone
        entries = _name_runs(blocks) or [_listed(text, x) for x in agency_lines(blocks, AGENCY_ZONE)]
    starts |= {pos for pos, line, b in lines(blocks) if b.part not in REMARK_PARTS and _list_heading(line)}
    if starts:
        entries += _honorific_names(text, min(starts))
    return _participants(entries)


_GIVEN = r"[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’-]+"
# "Ines, Rui, Lea and Oren were in attendance", "Call with Ines, Rui and Lea": one-word names joined by commas and a
# last joiner ("and", "et", "y": participants.json); three or more, at least two of them known given names.
NAME_RUN = re.compile(rf"(?<![\w'’-]){_GIVEN}(?:,\s+{_GIVEN})+,?\s+(?:{_alt('joiners')})\s+{_GIVEN}(?![\w'’-])")
MIN_RUN, MIN_KNOWN, MAX_RUN_LINE = 3, 2, 25


def _name_runs(blocks: tuple[Block, ...]) -> list[Entry]:
    """Names listed in a sentence of the opening blocks, read only when no attendance list is labelled. No word of
    the run is an organisation and one at most an ordinary word ("Water, Health and Shelter" names no one)."""
    out: list[Entry] = []
    for b in blocks[:HEADER_ZONE]:
        if b.part in MARGIN_PARTS or b.table_id is not None:
            continue
        line = b.text.split("\n", 1)[0]
        if len(words(line)) > MAX_RUN_LINE:
            continue
        for m in NAME_RUN.finditer(line):
            names = [(m.start() + n.start(), n.group()) for n in re.finditer(_GIVEN, m.group())]
            ordinary = sum(_ordinary(n) and not is_first_name(n) for _, n in names)
            if len(names) < MIN_RUN or sum(is_first_name(n) for _, n in names) < MIN_KNOWN or ordinary > 1 \
                    or any(looks_like_org(n) for _, n in names):
                continue
            out += [Entry(b.start_char + at, b.start_char + at + len(n), n, "present") for at, n in names]
    return out


def _list_heading(line: str) -> bool:
    """A heading that opens an attendance list: "Attendees", "2) Participants and hosts", "List of participants"."""
    numbered = NUMBER.match(line)
    heading = clean_heading(numbered.group("title") if numbered else line)
    return bool(heading) and is_topic_line(heading) and LIST_SECTION.match(heading) is not None


# An attendance word anywhere in a short label line: "List of partners in attendance:", "Organisations présentes :".
LIST_WORD = re.compile(rf"\b(?:{_alt('list_headings')})\b", re.I)
MAX_LABEL_WORDS = 8
LAST_JOINER = re.compile(rf"\s+(?:{_alt('joiners')})\s+")  # "..., ACME and NORTHAID"
# A word of a list label that a flattened table cut into the list, at the head of an entry: "Attending BRAVO".
SPLIT_LABEL = re.compile(rf"^(?:{_alt('label_fragments')})\s+", re.I)
RUN_JOINER = re.compile(rf"\s+(?:{_alt('joiners')}|&)\s+")  # "..., ACME & NORTHAID" as a list value is split
LABEL_COLON = re.compile(rf"\b(?:{_alt('list_headings')})\s*[:：]", re.I)  # "Agencies present:" in run-on text


def _list_label(line: str) -> bool:
    """A short line that ends with a colon and holds an attendance word: the label of the list that follows."""
    bare = clean_heading(BULLET.sub("", line)).strip(" *_")
    return line.rstrip(" *_\t").endswith((":", "：")) and 0 < len(words(bare)) <= MAX_LABEL_WORDS \
        and LIST_WORD.search(bare) is not None


# In a page kept on one line the list's label sits past where labels are read ("... List of Attendees: 1. Ms ...").
RUN_ON_LABEL = re.compile(rf"\b(?:{_alt('list_headings')})\s*[:：]", re.I)


def _run_on_labels(blocks: tuple[Block, ...]) -> list[int]:
    """Where a list label stands in a line too long for labels to be read (a page on one line): honorific names
    ("Ms. Ana Ruiz, Officer Mr. Rui Sousa, ACME") are read from there on."""
    out = []
    for pos, line, b in lines(blocks):
        if len(line) > MAX_LABEL_LINE and b.table_id is None:
            out += [pos + m.start() for m in RUN_ON_LABEL.finditer(line)][:1]
    return out


def _listed(text: str, x: Listed) -> Entry:
    return Entry(x.start_char, x.end_char, text[x.start_char:x.end_char], "present", org_list=x.kind == "org",
                 group_org=x.organisation, name=x.name)


def is_list_heading(heading: str) -> bool:
    """A section heading that opens an attendance list, in an annex or not ("Annex 2 – List of participants")."""
    bare = _without_aside(ANNEX_PREFIX.sub("", clean_heading(heading).strip()))
    return bool(bare) and LIST_SECTION.match(bare) is not None and len(words(bare)) <= 6


def _name_list_line(line: str) -> bool:
    """'Ana Silva, Rui Costa (Relief Org), Lea Braun': names and commas, no sentence."""
    pieces = line.split(",")
    return len(pieces) >= 3 and ":" not in line and all(0 < len(words(x)) <= 5 for x in pieces)


def list_end(text: str, blocks: tuple[Block, ...], ordinal: int) -> int:
    """Where the attendance list under the heading block `ordinal` ends: after the table that follows it, or after
    the run of name lines; a list heading holds its list, not the agenda items written after it."""
    end = blocks[ordinal].end_char
    table = None
    for b in blocks[ordinal + 1:ordinal + 1 + MAX_LISTED]:
        if not b.text.strip() or b.part in MARGIN_PARTS:
            continue
        if table is not None:
            if b.table_id != table:
                break
            end = b.end_char
            continue
        if b.table_id is not None and end == blocks[ordinal].end_char:
            table, end = b.table_id, b.end_char  # the attendance table right under the heading
            continue
        line = BULLET.sub("", b.text.strip())
        if MODE_LINE.match(line):
            continue  # "(online):" between two groups of the list
        if ANNEX_PREFIX.match(line) or NUMBER.match(line) and not _numbered_entry(line):
            break  # "• Annex 3 – Presentation" after "• Annex 2 – List of participants": a list of annexes
        if b.kind == "heading" or b.table_id is not None or not all(
                _looks_like_name_entry(x.strip()) or _name_list_line(x) or _numbered_entry(x.strip())
                or _noted_entry(BULLET.sub("", x.strip()))
                for x in line.split("\n") if x.strip()):
            break
        end = b.end_char
    return end


def _table_columns(text: str, blocks: tuple[Block, ...]) -> list[Entry]:
    """Names in the cells of a table whose columns are headed "Present" / "Apologies" / "Absent", and one person
    per row of an attendance table (Name or First name + Last name, beside Organisation / Position / Present)."""
    people = attendance_people(blocks, COLUMNS)
    out = [Entry(p.start_char, p.end_char, text[p.start_char:p.end_char], p.status, role=p.role,
                 group_org=p.organisation, name=p.name) for p in people]
    read = {b.table_id for b in blocks for p in people if b.table_id is not None and b.start_char == p.start_char}
    # "Topic | Who", "Action | Who": in a table of agenda items or actions a "Who" column names presenters or owners
    read |= {b.table_id for b in blocks if b.table_id is not None and b.column_role in ("issue", "action")}
    for b in blocks:
        if b.table_id is None or b.table_id in read or not b.row or not b.column_header:
            continue
        header = re.split(r"\s*[/&|]\s*", b.column_header.strip())[0]
        field = field_of(header)
        if field not in ("participants", "apologies", "guests"):
            continue
        status = "absent" if header.lower() == "absent" else STATUS[field]
        for line_start, line, _ in lines((b,)):
            if line.strip() and _looks_like_name_entry(line.strip(), in_cell=True):
                start = line_start + len(line) - len(line.lstrip())
                out.append(Entry(start, start + len(line.strip()), line.strip(), status))
    return out


# The end of the first sentence in a value: "Thu Zar Aung (OCHA). Corrections to the chair ..." ("Dr. X", "J. Lind",
# "j. Lind" are no end).
SENTENCE_BREAK = re.compile("".join(rf"(?<!\b{re.escape(a)})" for a in _WORDS["abbreviations"])
                            + r"(?<!\b[A-Za-z])(?<=[\w)\]])\.\s+(?=[A-Z])")


MAX_LIST_LINE = 3000  # a roll call run on in a page kept on one line is read this far
LIST_STOP = re.compile(r"\s[A-Z][\w-]{2,}\s?:(?:\s|$)|(?<!\b[A-Za-z])(?<=[\w)\]])\.(?:\s|$)")


def _unclipped(v: LabelledValue, text: str) -> LabelledValue:
    """A roll call's value cut where labels stop being read (a page on one line), read on to its line's end:
    '... Development Action Network, NAPAD, MURDO, SD' is not where the list ends."""
    line_start = text.rfind("\n", 0, v.start_char) + 1
    line_end = text.find("\n", v.end_char)
    line_end = len(text) if line_end < 0 else line_end
    if v.end_char - line_start < MAX_LABEL_LINE - 2 or line_end <= v.end_char:
        return v
    end = min(line_end, v.start_char + MAX_LIST_LINE)
    # the next "Label:", or the end of the list's sentence (the cut may fall right after its full stop)
    stop = LIST_STOP.search(text, max(v.start_char, v.end_char - 1), end)
    end = max(stop.start(), v.end_char) if stop else end
    value = text[v.start_char:end].rstrip(" \t|,;*_")
    return LabelledValue(v.field, v.label, v.start_char, v.start_char + len(value), value)


def _split_value(v: LabelledValue, text: str) -> list[Entry]:
    cut = SENTENCE_BREAK.search(v.text)
    if cut:
        v = LabelledValue(v.field, v.label, v.start_char, v.start_char + cut.start(), v.text[:cut.start()])
    if v.field in ONE_PERSON and not re.search(r"chairs\b", v.label, re.I):  # "Chairs: A, B" names two
        person = person_in(v.text)  # "Chair: <ORG>" names no one; "Chair: HC a.i., Ana Ruiz" names Ana Ruiz
        if person is None:
            return []
        named = v.text[person[0]:person[1]]
        own = parse_entry(v.text)[0]
        return [Entry(v.start_char, v.end_char, v.text, STATUS[v.field], ROLE_OF_FIELD[v.field],
                      name=None if own == named else named)]
    out = []
    pos = v.start_char
    pieces = _split_outside_brackets(v.text)
    run = _initials_run(v.text, v.start_char, STATUS[v.field]) if len(pieces) == 1 else []
    if run:  # "Present: T Varga D Pekka W Ni Osei ...": no separators left between the names
        return run
    long = next((k for k, x in enumerate(pieces) if k >= RUN_ON_MIN and len(words(x)) > 6), None)
    if long is not None:  # the list ends in the page's run-on text: keep the entry at its head, not what follows
        pieces = pieces[:long] + [_run_on_head(pieces[long], pieces[:long])]
    for piece in pieces:
        w = words(re.sub(r"\([^)]*\)", "", piece))
        if len(w) > 6 or (len(w) > 1 and all(x[:1].islower() for x in w)):
            continue  # "listened to the expectations ...", "layout concerns": prose, not a name
        start = text.find(piece, pos, v.end_char)
        if start < 0:
            continue
        pos = start + len(piece)
        out.append(Entry(start, start + len(piece), piece, STATUS[v.field], ROLE_OF_FIELD.get(v.field),
                         org_list=bool(ORG_LIST_LABEL.search(v.label))))
    return out


RUN_ON_MIN = 4  # pieces before the last one that set the list's shape


def _run_on_head(last: str, others: list[str]) -> str:
    """The entry at the head of a piece that runs on into the page ("... and ACME Topic Next Step Owner"):
    its opening words, as many as most of the other pieces hold."""
    shapes = [len(p.split()) for p in others]
    common = max(set(shapes), key=shapes.count)
    head = " ".join(last.split()[:common])
    shared = shapes.count(common) >= SHARE_OF_SHAPE * len(others)
    return head if shared and head[:1].isupper() and not is_common_word(head) else last


SHARE_OF_SHAPE = 0.75


def _split_outside_brackets(value: str) -> list[str]:
    pieces, depth, current = [], 0, ""
    i = 0
    while i < len(value):
        ch = value[i]
        depth += ch in "(["
        depth -= ch in ")]" and depth > 0
        m = SPLIT.match(value, i) if depth == 0 else None
        if m and m.end() > i and (ch in ",;|" or ch.isspace()):
            pieces.append(current)
            current = ""
            i = m.end()
            continue
        current += ch
        i += 1
    pieces.append(current)
    pieces = [re.sub(r"^(?:and|y|et|und|e)\s+", "", p.strip(" .:*_"), flags=re.I) for p in pieces]
    return [p for p in pieces if p]  # "A, B, and C": the Oxford comma leaves "and C"


def _following_names(text: str, blocks: tuple[Block, ...], label_block: Block, status: str, taken: set[int]) -> list[Entry]:
    """The name lines right after a label that has no value ("Present" heading, "Asistentes" then a list)."""
    values = label_value_cells(blocks, label_block, is_label_cell)
    if values:
        return _value_cell_names(text, values, status, taken, label_block)
    out = []
    started = False
    last_number: int | None = None  # the number of the last numbered entry: the numbering a list keeps
    # numbered names follow a label that holds no value ("Partners present:"), not "Present: A, B" before an agenda
    inline = [v for v in labelled_values(label_block.text.strip(), 0) if v.field in STATUS]
    open_label = not inline
    # "Apologies: A, B, C" holds its list: a line after it continues it only in the same shape, a comma list
    comma_value = any(re.search(r"[,;]", v.text) for v in inline)
    org_label = bool(ORG_LIST_LABEL.search(label_block.text[:80]))  # "Organisations represented": bodies, one a line
    columns: list[str] = []  # the column headers read so far, when the list is a table read column by column
    under: list[str | None] = []  # the column each entry was read under
    for b in blocks[label_block.ordinal + 1:label_block.ordinal + 1 + MAX_LISTED]:
        if b.table_id is not None and (b.table_id, b.row, b.col) != (label_block.table_id, label_block.row, label_block.col):
            break  # a table after the list is not part of it
        line = BULLET.sub("", b.text.strip())
        if LONE_BULLET.fullmatch(line):
            continue  # a page that puts each bullet on its own line, before its entry
        if _flattened_header(line):
            break  # "Name | Organisation | Position": a flattened table, read row by row by _flattened_tables
        column = _column_header(line)
        if column and open_label:  # a table read column by column: "Organisation", its cells, "Name", its cells
            if column == "detail" and "name" in columns:
                break  # "Email" after the names: the name column is read
            columns.append(column)
            started = True
            continue
        if not started and b.ordinal == label_block.ordinal + 1 and line.count(",") >= 2 and _comma_lines(line) \
                and ":" not in line:
            return _wrapped_list(text, blocks, b, status, taken)
        if not started and b.ordinal == label_block.ordinal + 1 and "\n" not in line:
            run = _initials_run(b.text, b.start_char, status)
            if run:
                taken.add(b.ordinal)
                return run
        if comma_value:
            break
        if started and MODE_LINE.match(line):
            continue  # "(online):" between two groups of the same roll call
        numbered = _numbered_name(line) if open_label and (not started or last_number is not None) else None
        if numbered and LIST_NUMBER.match(line) and started and int(LIST_NUMBER.match(line).group("n")) <= last_number:
            numbered = None  # "2. Screening results" after "2. Ana Ruiz": the numbering starts again, a new list
        if numbered:
            last_number = int(LIST_NUMBER.match(line).group("n"))
        line = _numbered_entry(line) or numbered or line
        nick = NICK.match(line)
        if nick and BOT.search(nick.group("nick")):
            continue
        if b.ordinal in taken or not line or b.kind == "heading" \
                or not (_looks_like_name_entry(line) or nick or _numbered_entry(b.text.strip()) or _noted_entry(line)
                        or org_label and _body_entry(line)):
            if started or b.ordinal > label_block.ordinal + 1:
                break
            continue
        started = True
        taken.add(b.ordinal)
        start = b.start_char + b.text.index(line)
        out.append(Entry(start, start + len(line), line, status,
                         org_list=org_label))
        under.append(columns[-1] if columns else None)
    if "name" in columns:  # the cells of the other columns (organisations, e-mails) are no attendees
        return [e for e, column in zip(out, under) if column != "detail"]
    return out


MAX_BODY_WORDS = 6


def _body_entry(line: str) -> bool:
    """'LNGO coordination cell', 'Field liaison to ACME': a line of a list labelled as one of organisations that
    names a body in ordinary words around an acronym or a known organisation, not a sentence nor a label."""
    w = words(line)
    if not 0 < len(w) <= MAX_BODY_WORDS or not line[:1].isupper() or ":" in line or line.rstrip().endswith(".") \
            or field_of(line):
        return False
    return any(x.isupper() and looks_like_org(x) for x in re.split(r"[\s/]+", line))


def _column_header(line: str) -> str | None:
    """'Name' -> name, 'Organisation' / 'Email' -> detail: a line that is one column header of an attendance table."""
    bare = line.strip(" :*_\t").lower()
    if NAME_COLUMN.fullmatch(bare):
        return "name"
    return "detail" if DETAIL_COLUMN.fullmatch(bare) else None


# "T Varga (Chairing) D Pekka W Ni Osei": initials and surnames whose separators the page lost.
INITIAL_SURNAME = re.compile(rf"(?<![\w.&/-])[A-ZÀ-Ý]\.?[ \t]+(?:(?i:{_alt('name_particles')})[ \t]+)?"
                             r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ']+)?(?![\w'’-])(?:[ \t]*\([^()\n]{1,30}\))?")
MIN_RUN_NAMES = 4
RUN_SHARE = 0.4  # of the line's characters the names must cover: a table's other columns may sit between them


def _initials_run(line: str, offset: int, status: str) -> list[Entry]:
    """The names of a line that is mostly initials before surnames with no commas between them; organisations
    the flattened table put between them stay out. Fewer than four such names, or a line they hardly fill, make no list."""
    found = list(INITIAL_SURNAME.finditer(line))
    if len(found) < MIN_RUN_NAMES or sum(len(m.group()) for m in found) < RUN_SHARE * len(line.strip()):
        return []
    return [Entry(offset + m.start(), offset + m.end(), m.group(), status) for m in found]


# A line of a comma list the page wrapped inside one paragraph: it ends with a comma or a joiner ("..., DFID and").
WRAPPED_END = re.compile(rf"(?:,|\b(?:{_alt('joiners')}))\s*$", re.I)
JOINER_END = re.compile(rf"\b(?:{_alt('joiners')})\s*$", re.I)  # "..., WASHCO and": the last entry comes next


def _comma_lines(line: str) -> bool:
    """One comma list, on one line or wrapped over lines of which all but the last end with a comma or a joiner."""
    rows = line.split("\n")
    return all(WRAPPED_END.search(r) for r in rows[:-1])


def _wrapped_list(text: str, blocks: tuple[Block, ...], first: Block, status: str, taken: set[int]) -> list[Entry]:
    """A comma list over consecutive lines ("A, B, C,", "D, E, F"): each next line with commas and no label
    continues it, so a list the page wrapped is read to its end; after a line that ends with a joiner ("..., WASHCO
    and") the next line continues it with or without commas ("..., WASHCO," then "AGENDA" is the list's end)."""
    field = next(f for f, st in STATUS.items() if st == status)
    out: list[Entry] = []
    carried = False
    for b in blocks[first.ordinal:first.ordinal + MAX_LISTED]:
        line = BULLET.sub("", b.text.strip())
        if b.table_id is not None or b.kind == "heading" or not _comma_lines(line) or ":" in line \
                or "," not in line and not carried \
                or b is not first and not all(0 < len(words(x)) <= 5 for x in line.split(",")):
            break
        start = b.start_char + b.text.index(line)
        taken.add(b.ordinal)
        out += _split_value(LabelledValue(field, "", start, start + len(line), line), text)
        carried = JOINER_END.search(line) is not None
    return out


def _values_beside(blocks: tuple[Block, ...], label: Block) -> bool:
    """A label cell with names in the cells after it in its row ("Attendees" | "Ana Silva", "Rui Costa")."""
    return any(_looks_like_name_entry(ln.strip(), in_cell=True) or _name_list_line(ln)
               for b in label_value_cells(blocks, label, is_label_cell) for ln in b.text.split("\n") if ln.strip())


def _value_cell_names(text: str, cells: list[Block], status: str, taken: set[int], label: Block) -> list[Entry]:
    """The names in the value cells of a label cell: one per line or block, or a comma list in one line."""
    out: list[Entry] = []
    field = next(f for f, st in STATUS.items() if st == status)
    org_list = bool(ORG_LIST_LABEL.search(label.text[:80]))
    for pos, line, b in lines(tuple(cells)):
        taken.add(b.ordinal)
        bare = BULLET.sub("", line.strip())
        if not bare:
            continue
        start = pos + line.index(bare)
        if bare.count(",") >= 2 and ":" not in bare:
            out += _split_value(LabelledValue(field, "", start, start + len(bare), bare), text)
        elif _looks_like_name_entry(bare, in_cell=True):
            out.append(Entry(start, start + len(bare), bare, status, org_list=org_list))
    return out


# "(please add yourself)" after a list heading; "[@nick](https://...)" and "(@nick)" after a name.
ASIDE = re.compile(rf"\s*\((?:{_alt('asides')})[^)]*\)\s*$", re.I)
# An IRC nick in a "People present" list, with the count of lines said: "zara (41)", "mk_dev".
NICK = re.compile(r"^(?P<nick>[a-z][\w.|`^-]{1,24})(?:\s*\(\d+\))?$")
BOT = re.compile(rf"bot$|^(?:{_alt('bots')})$", re.I)
ORG_LIST_LABEL = re.compile(_alt("org_list_labels"), re.I)
ENTRY_LEAD = re.compile(rf"^(?:{_alt('entry_leads')})\s+", re.I)  # "including Jane Doe": the entry is Jane Doe
HANDLE = re.compile(rf"\s*(?:\[@?[\w.-]+\]{ADDRESS}|\(@[\w.-]+\)|<[^>@\s]+@[^>\s]+>|(?<!\S)@[\w.-]+)")
# "F Robert", "JB Begueret", "j. smith": initials before a surname.
# A numbered attendance entry whose fields a dash divides, a name first: "3. Lea Braun – Relief Org – Officer".
NUMBERED_ENTRY = re.compile(r"^\s*\d{1,3}[.)]\s+(?P<entry>\S.*)$")
FIELD_DASH = re.compile(r"\s+[-–—]\s+")
# An entry's fields parted by a dash that lost a space on one side ("Lea Braun- Field Officer, ACME"), or by a bare
# hyphen or a lost space after the name ("Lea Braun-Field Officer", "Lea BraunField Officer- ACME"): read as a
# field break only when what follows opens a role or an acronym and what precedes reads as a name.
LOOSE_DASH = re.compile(r"(?<=\S)[-–—]\s+|\s+[-–—](?=\S)")
NAME_BREAK = re.compile(r"^(?P<name>[^-–—,()]+?[a-zà-öø-ÿ])(?:-|(?=[A-Z]))(?P<rest>[A-ZÀ-Ý].*)$")


def _numbered_entry(line: str) -> str | None:
    """The entry of a numbered attendance line ("1. Name – Organisation – Position"), without its number; None for
    an agenda item ("1. Budget – first reading"): the first field must read as a name, a second field must follow."""
    m = NUMBERED_ENTRY.match(line)
    if not m or "\n" in line:
        return None
    fields = FIELD_DASH.split(m.group("entry").strip())
    return m.group("entry").strip() if 2 <= len(fields) <= 4 and _name_field(fields[0]) else None


LONE_BULLET = re.compile(r"[-*+•·◦▪‣○●■□–]")
LIST_NUMBER = re.compile(r"^\s*(?P<n>\d{1,3})[.)]\s+(?=\S)")


def _numbered_name(line: str) -> str | None:
    """'3.  Relief Corps', '4. Ana Ruiz (ACME)': a numbered list line that is one name or organisation, unnumbered."""
    m = LIST_NUMBER.match(line)
    rest = line[m.end():].strip() if m else ""
    return rest if rest and "\n" not in rest and (_looks_like_name_entry(rest) or looks_like_org(rest)) else None


def _noted_entry(line: str) -> bool:
    """An attendance entry with a note after a dash: "Lea Braun (Relief Org) - leaves at ten", "Lea Braun – late"."""
    parts = FIELD_DASH.split(line, maxsplit=1)
    if len(parts) != 2:
        return False
    head = parts[0].strip()
    return _person_shaped(head) or ("(" in head and _looks_like_name_entry(head))  # a name, or a name with its org


def _name_field(text: str) -> bool:
    """'Amal Rashid', 'Dr Lea Braun': a known first name or initials, or two to four capitalised rare words."""
    text = HONORIFIC.sub("", text).strip()
    w = text.split()
    if _person_shaped(text):
        return True
    return 1 < len(w) <= 4 and all(x[:1].isupper() and x[1:2].islower() for x in w) and not ROLE_WORDS.search(text) \
        and not any(_ordinary(x) for x in w) and not looks_like_org(text)


INITIALS_NAME = re.compile(r"^(?:[A-ZÀ-Ý]{1,3}\.?|[a-z]{1,2}\.?(?=\s+[A-ZÀ-Ý]))(?:\s*[A-ZÀ-Ý]\.)?\s+[A-ZÀ-Ýa-z][\w'’-]+$")


def _without_aside(heading: str) -> str:
    return ASIDE.sub("", heading).strip(" :")


def _looks_like_name_entry(line: str, in_cell: bool = False) -> bool:
    """A line that reads as one attendance entry; `in_cell`: it sits in a cell that a label or header calls a list
    of attendees, where a name in capitals ("KHOR WEI LING") is a name, not a heading."""
    line = HANDLE.sub("", line).strip()
    if INITIALS_NAME.match(line) and not FRONT_MATTER.match(line):
        return True  # "F Durand", "m Petit"
    described = re.match(r"^([^:()]{2,30}?)\s*:\s+\S", line)
    if described and _person_shaped(described.group(1)):
        return True  # "JB Begueret: même équipe que ...": a name, then what they do
    if line.rstrip().endswith(":") or is_field(line) or FRONT_MATTER.match(line) or NUMBER.match(line) \
            or any(field_of(part) for part in re.split(r"\s*[/&|]\s*|\s+[–-]\s+", line)):
        return False  # "Apologies / Absent", "Agenda – Weekly sync": labels, not names
    bare = re.sub(r"\([^)]*\)", "", line).strip(" ,;")
    w = words(bare)
    if len(w) >= 2 and bare.isupper() and not in_cell and any(len(x) > 3 and is_common_word(x) for x in w):
        return False  # "PUBLIC HEARINGS": a heading in capitals, not a name
    if len(w) == 1 and re.fullmatch(r"[A-ZÀ-Ý]?[a-zà-ÿ]+", w[0]) and not is_first_name(w[0]) \
            and (is_common_word(w[0]) or any(_ordinary(w[0], lang) for lang in LIST_LANGUAGES)):
        return False  # "Notes", "Summary": a word, not a name
    return 0 < len(w) <= 6 and is_topic_line(line, 10) and sum(x[0].isupper() for x in w) >= max(1, len(w) - 1)


# a yes/no "present" column read from a table: the "no" after the person's own e-mail address
ABSENT_AFTER_EMAIL = re.compile(rf"[^\n@]*@\S+\s+(?:{_alt('absent_replies')})\b", re.I)


def _honorific_names(text: str, start: int) -> list[Entry]:
    """Names opened by an honorific in a participants list read from a table."""
    end = len(text)
    chunk = text[start:end]
    out = []
    for m in HONORIFIC_NAME.finditer(chunk):
        s = start + m.start("name")
        tail = chunk[m.end():m.end() + 200]
        status = "absent" if ABSENT_AFTER_EMAIL.match(tail) else "present"
        out.append(Entry(s, start + m.end("name"), text[s:start + m.end("name")], status))
        if len(out) > 500:
            break
    return out


def _participants(entries: list[Entry]) -> tuple[Participant, ...]:
    """One row per name: a specific status (apologies, absent, guest) and a stated role win over a bare listing."""
    merged: dict[str, dict] = {}
    entries = [g for e in entries for g in _expand_group(e)]
    for e in sorted(entries, key=lambda e: e.start_char):
        name, organisation, role = parse_entry(e.name or e.text)
        if e.org_list and organisation and not role and _one_body(e.name or e.text, name, organisation):
            name, organisation = _bare_entry(e.name or e.text), None  # "ACME – Water": one body of a list of bodies
        organisation = organisation or e.group_org
        if not name or len(name) > 80:
            continue
        row = merged.setdefault(name.lower(), {"name": name, "entry": e, "organisation": organisation,
                                               "role": e.role or role, "status": e.status, "org_list": e.org_list})
        row["organisation"] = row["organisation"] or organisation
        row["role"] = row["role"] or e.role or role
        if row["status"] == "present" and e.status != "present":
            row["status"] = e.status
    out: list[Participant] = []
    for row in merged.values():
        e, name = row["entry"], row["name"]
        kind = "org" if row["org_list"] or looks_like_org(name) and not is_first_name(name.split()[0]) else "person"
        out.append(Participant(ordinal=len(out), name=name, kind=kind, start_char=e.start_char, end_char=e.end_char,
                               text=e.text, organisation=row["organisation"], role=row["role"], status=row["status"]))
    return tuple(out)


def parse_entry(entry: str) -> tuple[str | None, str | None, str | None]:
    """'Jane Doe (UNICEF)' -> name, organisation; 'Amira (President)' -> name, role; 'Ann, WFP' -> name, org."""
    entry = re.sub(r"\s+", " ", BULLET.sub("", entry)).strip(" .,;:-*_")
    entry = ENTRY_LEAD.sub("", entry)
    entry = re.sub(r"\s*\(\d+\)$", "", entry)  # "zara (41)": the lines a nick said
    entry = HONORIFIC.sub("", HANDLE.sub("", entry)).strip(" .,;:-*_")  # "Dr Amina Yusuf" is Amina Yusuf
    if re.match(r"\d", entry):
        return None, None, None  # "34 participants from 21 organisations" counts, it names no one
    org = role = None
    titled = TITLE_PREFIX.match(entry)
    if titled and 0 < len(entry[titled.end():].split()) <= 4:
        role, entry = titled.group("title"), entry[titled.end():]
    prefixed = re.match(r"^(?P<pre>[^:()]{1,30}):\s+(?P<rest>\S.*)$", entry)
    if prefixed and _person_shaped(prefixed.group("pre").strip()) and not _person_shaped(prefixed.group("rest")):
        role = prefixed.group("rest").strip()  # "F Robert : Référent Analogique": the name, then the role
        entry = prefixed.group("pre").strip()
    elif prefixed:  # "DE: Jan Novak" (country or body), "Vetted by: Anna" (a role)
        entry = prefixed.group("rest")
        if re.fullmatch(r"[A-Z]{2,6}", prefixed.group("pre")):
            org = prefixed.group("pre")
        else:
            role = prefixed.group("pre")
    m = re.match(r"^(?P<name>[^()]+?)\s*\((?P<inner>[^)]*)\)\s*(?P<rest>.*)$", entry)
    if m:
        entry = (m.group("name") + " " + m.group("rest")).strip()
        inner = m.group("inner").strip()
        if ROLE_WORDS.search(inner):
            role = inner
        elif inner and not re.fullmatch(r"[A-Z]{2}", inner):  # "(FR)" is a country code
            org = inner
    entry = _name_break(entry)
    fields = FIELD_DASH.split(entry)
    if len(fields) == 3 and not org and not role and _name_field(fields[0]):
        entry, org, role = fields  # "Lea Braun – Relief Org – Field Officer": name, organisation, position
        if ROLE_WORDS.search(org) and not ROLE_WORDS.search(role) or role.isupper() and not org.isupper():
            org, role = role, org  # "Lea Braun – Field Officer – ACME", "Lea Braun – VP Ops – ACME": the position first
    parts = re.split(r"\s+[-–—]\s+|,\s*", entry, maxsplit=1)
    if len(parts) == 2 and _org_then_person(parts[0].strip(), parts[1].strip()):
        parts = [parts[1], parts[0]]  # "UNICEF – Jane Doe": the organisation, then its person
    if len(parts) == 2:
        entry, extra = parts[0].strip(), parts[1].strip()
        first, _, second = (x.strip() for x in extra.partition(","))
        if second and not role and not org and bool(ROLE_WORDS.search(first)) != bool(ROLE_WORDS.search(second)):
            role, org = (first, second) if ROLE_WORDS.search(first) else (second, first)  # "Officer, ACME"
        elif ROLE_WORDS.search(extra) and not role:
            role = extra
        elif extra and not org:
            org = extra
    name = entry.strip(" .,;:-")
    if not name or not re.search(r"[^\W\d_]", name) or NOBODY.fullmatch(name):
        return None, None, None
    return name, org, role


def _name_break(entry: str) -> str:
    """The entry with a lost field break after its name written as " – ": "Lea Braun-Field Officer, ACME" and
    "Lea BraunField Officer- ACME" become "Lea Braun – Field Officer, ACME" ("Lea Braun-Ortiz" stays as it is)."""
    loose = LOOSE_DASH.sub(" – ", entry) if LOOSE_DASH.search(entry) and not FIELD_DASH.search(entry) else entry
    m = NAME_BREAK.match(loose)
    if m is not None:
        name, rest = m.group("name").strip(), m.group("rest")
        head = re.split(r"\s+[-–—]\s+|,", rest, maxsplit=1)[0]
        opens = ROLE_WORDS.search(head) or re.match(r"[A-Z]{2,}\b", head)
        if opens and len(name.split()) >= 2 and _name_field(name):
            return f"{name} – {rest}"
    first = FIELD_DASH.split(loose)[0]
    return loose if loose != entry and _name_field(first) else entry  # "ACME & Partners- Field": no name first


def _one_body(entry: str, name: str, extra: str) -> bool:
    """'ACME – Logistics', 'ACME – NORTHAID': an organisation and its unit or partner written as one entry of a list of
    organisations, with no brackets and no person in it."""
    return "(" not in entry and bool(FIELD_DASH.search(entry)) and looks_like_org(name) \
        and not _person_shaped(extra) and not _person_shaped(name)


def _bare_entry(entry: str) -> str:
    return re.sub(r"\s+", " ", BULLET.sub("", entry)).strip(" .,;:-*_")


def _person_shaped(text: str) -> bool:
    """'F Robert', 'JB Begueret', 'Amira Haddad': initials or a known first name before a capitalised surname."""
    w = text.split()
    if not 1 < len(w) <= 4 or ROLE_WORDS.search(text) or re.fullmatch(r"[A-Z]{2,6}", w[0]) and len(w) == 1:
        return False
    if INITIALS_NAME.match(text):
        return True
    return is_first_name(w[0]) and all(x[:1].isupper() for x in w)


CELL_SEPARATOR = re.compile(r"\s+[/|]\s+")  # "Name / Organisation", "Name | Organisation": spaced, "Position/Org" is one
ROW_NUMBER_GLUED = re.compile(r"^(?P<head>[^\W\d_][\w ]*?)(?P<n>\d{1,3})$")


def _flattened_header(line: str) -> bool:
    """'Name / Organisation', 'No | Name | Position': the header line of an attendance table flattened into cells."""
    cells = [c.strip().lower() for c in CELL_SEPARATOR.split(line.strip())]
    return len(cells) >= 2 and any(NAME_COLUMN.fullmatch(c) for c in cells) and any(DETAIL_COLUMN.search(c) for c in cells)


def _flattened_tables(blocks: tuple[Block, ...]) -> list[Entry]:
    """Names from an attendance table flattened into "No / Name / Position / Organisation" lines, or into
    "Name / Organisation" under which each row opens with its number ("3. Lea Braun / Relief Org / Chair") or is
    as wide as the header; " | " parts cells as " / " does.

    Ingest makes such lines table cells in plain text (ingest/flat_tables.py); Markdown, HTML, Word and PDF keep them
    as paragraphs, and a two-column header ingest leaves alone; this reads them there.
    """
    out: list[Entry] = []
    name_at: int | None = None
    header: list[str] = []
    for pos, line, _ in lines(blocks):
        cells = CELL_SEPARATOR.split(line.strip())
        lead = len(line) - len(line.lstrip())
        if len(cells) < 2:
            name_at = None
            continue
        if _flattened_header(line):
            name_at = next(i for i, c in enumerate(cells) if NAME_COLUMN.fullmatch(c.strip().lower()))
            header = cells
            # the first row glued to the header by the converter: "... / phone1 / Jane Doe / ..."
            glued = next((i for i, c in enumerate(cells) if i > name_at and ROW_NUMBER_GLUED.match(c)), None)
            if glued is not None and len(cells[glued + 1:]) >= name_at:
                out += _cell_entry(line, pos + lead, cells, glued + name_at)
            continue
        if name_at is None:
            continue
        if re.fullmatch(r"\d{1,3}\.?", cells[0].strip()) and len(cells) > name_at:
            out += _cell_entry(line, pos + lead, cells, name_at, header)
        elif name_at == 0 and LIST_NUMBER.match(line):  # "1. Lea Braun / Relief Org": the number opens the name
            skip = LIST_NUMBER.match(line).end() - lead
            out += _cell_entry(line, pos + lead, cells, 0, header, skip)
        elif len(cells) == len(header):  # "Lea Braun | Relief Org | Officer": a row as wide as its header
            out += _cell_entry(line, pos + lead, cells, name_at, header)
        else:
            name_at = None
    return out


def _cell_entry(line: str, start: int, cells: list[str], k: int, header: list[str] = (), skip: int = 0) -> list[Entry]:
    """The k-th cell of a flattened row as an entry, with its offsets in the document (`skip`: the row number's
    characters before it), the organisation and role of the cells the header names so, or of an unheaded role."""
    body = line.strip()
    bounds, pos = [], skip
    for m in CELL_SEPARATOR.finditer(body):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(body)))
    if k >= len(bounds):
        return []
    a, b = bounds[k]
    name = body[a:b].strip()
    if not name or not _looks_like_name_entry(name):
        return []
    a += len(body[a:b]) - len(body[a:b].lstrip())
    org = role = None
    for i, (x, y) in enumerate(bounds):
        cell, head = body[x:y].strip(), header[i] if i < len(header) else ""
        if i == k or not cell:
            continue
        if COLUMNS.org.search(head) and not org:
            org = cell
        elif (COLUMNS.role.search(head) or not head and ROLE_WORDS.search(cell)) and not role:
            role = cell
    return [Entry(start + a, start + a + len(name), name, "present", role=role, group_org=org)]


ROW_OPEN = re.compile(r"^\s*(?P<n>\d{1,3})[.)]?(?:\s+(?P<rest>\S.*?))?\s*$")  # "3.", "3", "3. Lea Braun"
NUMBER_COLUMN = re.compile(rf"^(?:{_alt('number_columns')})$", re.I)
MIN_CELL_ROWS = 2


def _header_cells(run: list[tuple[int, str, Block]], i: int) -> tuple[list[str], int] | None:
    """The column names of an attendance table's header at run[i] and the index after it: one flattened line
    ("Name / Organisation / Position") or one column name a line ("Name", "Organisation", "Position")."""
    line = run[i][1].strip()
    if _flattened_header(line):
        return [c.strip() for c in CELL_SEPARATOR.split(line)], i + 1
    names: list[str] = []
    j = i
    while j < len(run) and (_column_name(run[j][1]) or NUMBER_COLUMN.match(run[j][1].strip(" :"))):
        names.append(run[j][1].strip(" :"))
        j += 1
    if any(NAME_COLUMN.fullmatch(c.lower()) for c in names) and any(_column_name(c) == "detail" for c in names):
        return names, j
    return None


def _column_name(line: str) -> str | None:
    """'Name', 'Organisation', 'Position/Function': a line that is one column header, or two joined by a slash."""
    parts = [_column_header(p) for p in line.split("/")]
    return "name" if "name" in parts else "detail" if parts and all(parts) else None


def _cell_rows(blocks: tuple[Block, ...]) -> list[Entry]:
    """Names from an attendance table a converter flattened one cell (or one part of a row) a line: under a header
    of column names, each row opens with its number ("1." alone, or "1. Lea Braun") and its other cells follow, a
    line each or parted by " / " ("/ Relief Org / Field Officer"), up to the next number. The numbering is the
    table's period: a number that is neither the last one nor the next ("1." after "6.": a new list) ends it, as
    does a heading or a line before any number. The cell under the Name column is the name."""
    run = [(pos, line, b) for pos, line, b in lines(blocks) if line.strip() and b.part not in REMARK_PARTS]
    out: list[Entry] = []
    i = 0
    while i < len(run):
        found = _header_cells(run, i) if run[i][2].table_id is None else None
        if found is None:
            i += 1
            continue
        header, i = found
        header = [c for c in header if not NUMBER_COLUMN.match(c)]
        name_at = next(k for k, c in enumerate(header) if NAME_COLUMN.fullmatch(c.lower()))
        rows: list[list[tuple[int, str]]] = []
        last: int | None = None
        while i < len(run):
            pos, line, b = run[i]
            opened = ROW_OPEN.match(line)
            if opened and (last is None or int(opened.group("n")) in (last, last + 1)):
                last = int(opened.group("n"))
                rows.append([])
                if opened.group("rest"):
                    line, pos = opened.group("rest"), pos + opened.start("rest")
                else:
                    i += 1
                    continue
            elif opened or not rows or b.kind == "heading" or b.table_id is not None:
                break
            rows[-1] += _line_cells(pos, line)
            i += 1
        if len(rows) >= MIN_CELL_ROWS:
            out += [e for row in rows for e in _row_entry(row, header, name_at)]
    return out


def _line_cells(pos: int, line: str) -> list[tuple[int, str]]:
    """The cells of one line of a flattened row with their offsets: "/ Relief Org / Officer" is two cells."""
    body = line.rstrip()
    lead = len(body) - len(body.lstrip(" \t/"))
    out, at = [], lead
    for m in list(CELL_SEPARATOR.finditer(body, lead)) + [None]:
        end = m.start() if m else len(body)
        cell = body[at:end]
        if cell.strip():
            out.append((pos + at + len(cell) - len(cell.lstrip()), cell.strip()))
        at = m.end() if m else end
    return out


def _row_entry(row: list[tuple[int, str]], header: list[str], name_at: int) -> list[Entry]:
    """The name cell of a row read under its header, with the organisation and role of the cells the header names."""
    if name_at >= len(row) or not _looks_like_name_entry(row[name_at][1]):
        return []
    at, name = row[name_at]
    org = role = None
    for k, (_, cell) in enumerate(row[:len(header)]):
        if k != name_at and COLUMNS.org.search(header[k]) and not org:
            org = cell
        elif k != name_at and COLUMNS.role.search(header[k]) and not role:
            role = cell
    return [Entry(at, at + len(name), name, "present", role=role, group_org=org)]


# "Helping Hands – Amal Rashid, Jonas Berg (Relief Org)": an organisation, a dash, then its people.
GROUP = re.compile(r"^(?P<org>[^–—:,()]{2,60}?)\s+[–—-]\s+(?P<names>[^–—]+,[^–—]+)$")


def _expand_group(e: Entry) -> list[Entry]:
    """One entry per person of an "Org – Name, Name (Org)" group, each with the group's organisation."""
    m = GROUP.match(e.text)
    if not m or _person_shaped(m.group("org").strip()):
        return [e]
    out = []
    pos = m.start("names")
    for piece in _split_outside_brackets(m.group("names")):
        at = e.text.find(piece, pos)
        if at < 0:
            return [e]
        pos = at + len(piece)
        own = re.search(r"\(([^)]*)\)\s*$", piece)
        text = piece if own else f"{piece}"
        out.append(Entry(e.start_char + at, e.start_char + at + len(piece), text, e.status, e.role, e.org_list,
                         group_org=None if own else m.group("org").strip()))
    return out or [e]


def _org_then_person(first: str, second: str) -> bool:
    """'Helping Hands – Amal Rashid': an organisation (an org word or ordinary words), then a person's name."""
    if _person_shaped(first) or ROLE_WORDS.search(second):
        return False
    w2 = second.split()
    name_like = 1 < len(w2) <= 4 and all(x[:1].isupper() for x in w2) and not any(_ordinary(x) for x in w2) \
        and not looks_like_org(second)
    return (_person_shaped(second) or name_like) and (looks_like_org(first) or any(_ordinary(x) for x in first.split()))


ORDINARY_ZIPF = 4.0  # wordfreq's scale: "hands", "coastal" sit above; given and family names ("Rashid", "Mira") below


def _ordinary(word: str, language: str = "en") -> bool:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word.lower(), language) >= ORDINARY_ZIPF
    except (LookupError, ValueError):
        return False
