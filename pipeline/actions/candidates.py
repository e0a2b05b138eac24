"""Lines that may hold an action, with what their place and prefixes say about them.

Minutes put actions in three kinds of place: a table column ("Next steps", with the row's
Responsible/Deadline cells), a marked line or list ("Action:", "[ ]", the items under "Action items"),
and plain prose. This module reads each body line once and records which of these it is; the
learned scorer decides later whether the line's sentences are actions.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from pipeline.actions.patterns import Patterns
from pipeline.model import MARGIN_PARTS, Block, Document, Section, Segmented

# An owner label in front of a line: "[Wenke] ...", "(Bram) ...", "Ilse & Corin: ...", "Ottilie - ...".
BRACKET_LABEL = re.compile(r"^\[([^\[\]\d]{1,40})\](?!\()\s*(?=\S)")  # not a Markdown link "[Ana](url)"
PAREN_LABEL = re.compile(r"^\(([^()\d]{1,40})\)\s*(?=\S)")
COLON_LABEL = re.compile(r"^([^\s:\[(][^:\n]{0,38}?)\s*:\s+(?=\S)")
NAME = r"[A-Z\u00c0-\u00de][\w'\u2019.-]*"
DASH_LABEL = re.compile(
    rf"^({NAME}(?:\s*(?:[&+/,]|\band\b)\s*{NAME}|\s+{NAME}){{0,3}})(?:\s*\+\s*others?)?\s+[-\u2013\u2014]\s+(?=\S)"
)
# "**Goal**: ...": a field label, possibly in markdown emphasis.
FIELD_LABEL = re.compile(r"^[*_]{0,3}([^\W\d_][^:*_\n]{0,30}?)[*_]{0,3}\s*:[*_]{0,3}\s+(?=\S)")
# A comment remarks on the minutes ("Who follows this up?"); what the meeting decided is in the minutes' own text.
SKIP_PARTS = MARGIN_PARTS
# An agenda heading with this many nested notes of this many words holds the minutes' discussion (agenda_bodies).
AGENDA_BODY_ITEMS = 3
AGENDA_NOTE_WORDS = 6
# A block holding a header field and more than this many other characters carries the body too (a one-line page).
HEADER_BODY_CHARS = 400
# Soft wraps: a line this long goes on in the next one; a block of WRAP_MIN_LINES+ lines whose lines (WRAP_SHARE of
# them, the last left out) end within WRAP_NEAR of its longest line, itself WRAP_MIN_WIDTH+ long, wraps there.
LONG_LINE = 60
WRAP_MIN_LINES = 3
WRAP_NEAR = 0.8
WRAP_SHARE = 0.75
WRAP_MIN_WIDTH = 35


@dataclass(frozen=True)
class Line:
    """One body line: its span, what surrounds it and what its prefixes say."""

    start: int  # doc offset of the line's text, after bullets, checkboxes and markers
    end: int
    body_start: int  # after the owner label too: what the parser and classifier read
    block_ordinal: int
    section_ordinal: int | None
    level: int  # list nesting, 0 for paragraphs and cells
    source: str | None = None  # table_column | marker | None (prose)
    kind: str | None = None  # decision when a marker or heading says so
    status: str | None = None
    previous: bool = False  # in a review of earlier actions: status words mean carried over
    label: str | None = None  # the name(s) the line is attributed to
    label_start: int | None = None
    label_style: str | None = None  # bracket | paren | colon | dash
    row_owner: str | None = None
    row_due: str | None = None
    row_status: str | None = None
    row_flat: bool = False  # row_owner/row_due come from a table flattened onto lines ("task / agency / date")
    attribute: tuple[str, str] | None = None  # ("owner", "Maren") for "Volunteers: Maren": never an action itself
    reference: int | None = None  # "Action-3" cell
    lead_in: bool = False  # "Next steps:" / "Decisions:" on its own: opens a marked list
    list_id: int | None = None  # index of the lead-in line whose list this line belongs to
    title: bool = False  # the line is its section's heading ("Roles for the rewrite:")


class Sections:
    """Innermost-section lookup by offset, and each section's chain of parents."""

    def __init__(self, sections: tuple[Section, ...]):
        self.by_ordinal = {s.ordinal: s for s in sections}
        self.ordered = sorted(sections, key=lambda s: (s.start_char, -s.end_char))
        self.starts = [s.start_char for s in self.ordered]

    def at(self, pos: int) -> Section | None:
        best = None
        for s in self.ordered[: bisect_right(self.starts, pos)]:
            if s.start_char <= pos < s.end_char and (best is None or s.end_char - s.start_char <= best.end_char - best.start_char):
                best = s
        return best

    def chain(self, section: Section | None) -> list[Section]:
        out, seen = [], set()
        while section is not None and section.ordinal not in seen:
            out.append(section)
            seen.add(section.ordinal)
            section = self.by_ordinal.get(section.parent_ordinal) if section.parent_ordinal is not None else None
        return out


def _bare_heading(text: str) -> str:
    """A heading or line without its surrounding blanks and Markdown emphasis/heading marks."""
    return text.strip().strip("*_#").strip()


def heading_kind(heading: str, p: Patterns) -> str | None:
    """'action' or 'decision' when a section heading announces a list of them."""
    h = _bare_heading(heading)
    if p.decision_headings.match(h):
        return "decision"
    m = p.action_headings.match(h)
    if (m and p.lead_in_tail.match(h[m.end():])) or p.action_headings_anywhere.search(h):
        return "action"  # "Actions from last meeting", not "Task rota & meal planning"
    return None


def heading_is_list(heading: str, p: Patterns) -> bool:
    """The heading opens with the list's name ("Action items", "Decisions"), not only mentions it in passing.

    "1. Look back at earlier decisions and action points" is an agenda item whose discussion is prose: there only
    its list items are taken as marked.
    """
    h = _bare_heading(heading)
    m = p.action_headings.match(h)
    return bool(p.decision_headings.match(h) or (m and p.lead_in_tail.match(h[m.end():])))


def lead_in_kind(line: str, p: Patterns) -> str | None:
    """'action' or 'decision' for a line that opens a list: "Next steps:", "Action list from 2-9-21"."""
    h = _bare_heading(line)
    if len(h.split()) > 8 or h.endswith("."):
        return None
    if p.decision_headings.match(h):
        return "decision"
    m = p.action_headings.match(h)
    if m and p.lead_in_tail.match(h[m.end():]):
        return "action"
    if p.time_lead_ins.match(re.sub(r"^\d+[.)]?\s*", "", h)):
        return "action"  # "To do by Friday:", "Before the next meeting:": named by when, and only with its colon
    return None


def _is_heading_line(text: str, section: Section) -> bool:
    """Whether a line is nothing but its section's heading (numbering, bullets, markup and a colon aside)."""
    def bare(t: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", t).split()).lower()
    line, heading = bare(text), bare(section.heading)
    return bool(heading) and section.kind != "update" and (line == heading or
                                                           (line.endswith(heading) and len(line) - len(heading) <= 6))


def column_role(block: Block, p: Patterns) -> str | None:
    if block.column_role:
        return block.column_role
    if block.column_header:
        for role, rx in p.column_headers:
            if rx.search(block.column_header.strip()):
                return role
    return None


# A header field opens its line ("Date: 4 May", "Board meeting, 3 March"): one read further into a block is a clock
# time or a date in the discussion, and leaves the block's sentences to be read.
HEADER_FIELD_LEAD = 160


def _holds_header_field(b: Block, seg: Segmented) -> bool:
    """Whether the block is a header line: a header field was read in it, near its start."""
    return any(f.span.start_char < b.end_char and b.start_char < f.span.end_char
               and f.span.start_char - b.start_char < HEADER_FIELD_LEAD for f in seg.header.fields)


def _lines_of(block: Block, p: Patterns):
    """(start, end) doc offsets of each line of a block, whitespace trimmed.

    A newline is a soft wrap ("...and discussed what it should\n take to move it", "...software\n(as it is
    running out)") unless the previous line ends a sentence or a label, or the next one starts a bullet,
    checkbox, marker, field or a bracketed name.
    """
    spans, pos = [], block.start_char
    for raw in block.text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        s, e = pos + lead, pos + len(raw.rstrip())
        if e > s:
            spans.append((s, e, raw.strip()))
        pos += len(raw) + 1
    out: list[list] = []
    long_line = _wrap_width([t for _, _, t in spans])
    for s, e, text in spans:
        if out and _wraps(out[-1][2], text, p, long_line=long_line):
            out[-1][1], out[-1][2] = e, text
        else:
            out.append([s, e, text])
    return [(s, e) for s, e, _ in out]


def _wrap_width(lines: list[str]) -> int:
    """The length from which a line of this block was cut at its margin: most of its lines but the last end near
    the longest one (a block saved from a narrow PDF column wraps at 45-60 characters), else LONG_LINE."""
    body = lines[:-1]
    if len(lines) < WRAP_MIN_LINES:
        return LONG_LINE
    margin = max(len(t) for t in lines)
    near = WRAP_NEAR * margin
    if margin >= WRAP_MIN_WIDTH and sum(len(t) >= near for t in body) >= WRAP_SHARE * len(body):
        return min(LONG_LINE, int(near))
    return LONG_LINE


def _wraps(prev: str, text: str, p: Patterns, *, long_line: int | None = 60) -> bool:
    """`text` (one line) goes on the sentence of the line `prev`: prev ends no sentence or label, text opens no item.

    It opens in lower case or with a parenthesis, or the line before it was long (long_line chars) as printed lines are.
    """
    wrapped = (text[:1].islower() or text[:1] == "("
               or (long_line is not None and len(prev) >= long_line and not text[:1].isdigit()))
    return wrapped and not _starts_line(text, p) and not re.search(r"[.!?:;]$", prev)


def _continues(prev: Block | None, b: Block, doc: Document) -> bool:
    """Block `b` is the next printed line of the paragraph `prev`, cut into blocks of one line each.

    A PDF or text file whose every line came out as a paragraph of its own ("... le bureau du PAM annonce" /
    "une distribution pour lundi.") splits its sentences at the page's line ends; the two are one line when both
    are single-line body paragraphs with only a line break between them (and `_wraps` says the sentence goes on).
    """
    return (prev is not None and prev.kind == b.kind == "paragraph" and prev.part == b.part
            and prev.table_id is None and b.table_id is None
            and "\n" not in prev.text.strip() and "\n" not in b.text.strip()
            and doc.text[prev.end_char:b.start_char].strip() == ""
            and doc.text.count("\n", prev.end_char, b.start_char) == 1)


def _starts_line(text: str, p: Patterns) -> bool:
    return bool(p.bullet.match(text) or p.checkbox_open.match(text) or p.checkbox_done.match(text)
                or any(m.regex.match(text) for m in p.markers) or any(a.regex.match(text) for a in p.attribute_lines)
                or _names_label(BRACKET_LABEL, text) or _names_label(PAREN_LABEL, text) or DASH_LABEL.match(text))


def _names_label(rx: re.Pattern, text: str) -> bool:
    """A bracketed name opens a line; "(as the licence runs out) and ..." continues the one before."""
    m = rx.match(text)
    return bool(m) and not any(w.lower() in NOT_IN_NAMES for w in m.group(1).split())


def _strip(text: str, start: int, rx: re.Pattern) -> tuple[str, int, re.Match | None]:
    m = rx.match(text)
    return (text[m.end():], start + m.end(), m) if m else (text, start, None)


def analyse_line(text: str, start: int, p: Patterns) -> dict:
    """Prefixes of one line: bullet, checkbox, marker, owner label and attribute fields."""
    out: dict = {}
    for _ in range(2):
        text, start, _m = _strip(text, start, p.bullet)
    text, start, m = _strip(text, start, p.checkbox_done)
    if m:
        out.update(source="marker", status="done")
    else:
        text, start, m = _strip(text, start, p.checkbox_open)
        if m:
            out.update(source="marker", status="open")
    for attr in p.attribute_lines:
        m = attr.regex.match(text)
        if m and len(text) > m.end():
            out["attribute"] = (attr.field, text[m.end():].strip())
            return out | {"start": start, "body_start": start + m.end()}
    field = FIELD_LABEL.match(text)
    if (field and field.group(1).strip().lower() in p.descriptive_fields) or p.agenda_timing.search(text):
        out["descriptive"] = True
    line_start = start
    for _ in range(2):  # "Action: ..." then "Priya: Action: ..." in either order
        for marker in p.markers:
            m = marker.regex.match(text)
            if m and m.end() < len(text):  # "Actions:" alone opens a list; it is not itself an action
                text, start = text[m.end():], start + m.end()
                out.update(source="marker", kind=marker.kind)
                if not out.get("label"):
                    line_start = start  # the marker word is not part of the action's text
                break
        if out.get("label"):
            break
        for style, rx in (("bracket", BRACKET_LABEL), ("paren", PAREN_LABEL), ("dash", DASH_LABEL), ("colon", COLON_LABEL)):
            m = rx.match(text)
            if m and _label_ok(m.group(1), style, text[m.end():], p):
                if style != "colon" or m.group(1).strip().lower() not in p.field_labels:
                    out.update(label=m.group(1).strip(), label_start=start + m.start(1), label_style=style)
                text, start = text[m.end():], start + m.end()  # "Conclusión: ..." names no one but is no body
                break
        else:
            break
        if "label" not in out:
            break
    return out | {"start": line_start, "body_start": start}


NOT_IN_NAMES = frozenset("a an the is are was were be as to of for in on at it this that with by from not".split())


def _label_ok(label: str, style: str, rest: str, p: Patterns) -> bool:
    words = label.split()
    if not words or len(words) > 6 or label.strip().lower() in p.pronoun_subjects:
        return False
    if style in ("bracket", "paren") and (len(words) > 4 or any(w.lower() in NOT_IN_NAMES for w in words)):
        return False  # "(as the licence runs out) ..." is an aside, not a name
    if style == "colon":  # "5º punto del día:" and "Item 3:" number a topic; they name no one
        return not re.search(r"[.?!;\d]|https?$|^\W", label)
    if style == "dash":
        return bool(rest[:1].islower())
    return True


def header_row(text: str, p: Patterns) -> bool:
    """A table's header row read as a line ("Action point Responsible Deadline"): column names and nothing else."""
    rest, roles = text.lower(), 0
    for _, rx in p.column_headers:
        rest, n = rx.subn(" ", rest)
        roles += n
    left = [w for w in re.findall(r"[^\W\d_][\w'-]*", rest) if w not in p.header_filler]
    return roles >= 2 and not left


CELL_SEPARATOR = re.compile(r"[ \t]+/[ \t]+")  # a flattened table's cells: "Repair the pumps / Harbour Aid / 15 March"
MIN_FLAT_HEADER_CELLS = 3  # "Owner / Deadline" alone is a label and its value as often as a table's header
FLAT_HEADER_CELL_WORDS = 4  # a header cell names a column; a longer last cell has run into the first row
FLAT_CELL_WORDS = 10  # an owner or deadline cell ("All working group members + cross-cutting sectors"); longer is text
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class FlatTable:
    """A table flattened onto lines under its header row, open until its section ends."""

    section: int | None  # the ordinal of the section the header row stands in
    columns: dict[str, int]  # "owner" / "deadline" -> the cell index in each row (flat_header)


def flat_header(text: str, p: Patterns) -> dict[str, int] | None:
    """Column roles of a table header flattened onto one line, ' / ' between its cells ("Action point / Agency
    responsible / Deadline"): role -> cell index, when the cells name an owner and an action or issue column."""
    cells = CELL_SEPARATOR.split(text.strip())
    if len(cells) < MIN_FLAT_HEADER_CELLS:
        return None
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        cell = cell.strip(" :*_")
        if not cell or len(cell.split()) > FLAT_HEADER_CELL_WORDS:
            continue
        role = next((r for r, rx in p.column_headers if rx.search(cell)), None)
        if role is not None:
            roles.setdefault(role, i)
    owner = roles.get("owner", roles.get("agency"))
    if owner is None or not {"action", "issue"} & roles.keys():
        return None
    return {"owner": owner, **({"deadline": roles["deadline"]} if "deadline" in roles else {})}


def flat_row(text: str, columns: dict[str, int]) -> dict:
    """row_owner / row_due of a line under a flattened header: the cells at the header's owner and deadline places."""
    cells = [c.strip(" .;,*_") for c in CELL_SEPARATOR.split(text.strip())]
    if len(cells) < 2:  # no separator: prose under the table, not one of its rows
        return {}
    out = {}
    for role, key in (("owner", "row_owner"), ("deadline", "row_due")):
        i = columns.get(role)
        if i is not None and i < len(cells) and _value_cell(cells[i]):
            out[key] = cells[i]
    return {**out, "row_flat": True} if out else {}


def _value_cell(cell: str) -> bool:
    """Whether a flattened row's cell can be an owner or a deadline: a few words, a letter among them ("15 March")."""
    return 1 <= len(cell.split()) <= FLAT_CELL_WORDS and LETTER.search(cell) is not None


def _furniture_key(text: str) -> str:
    return re.sub(r"[\d\W_]+", " ", text.lower()).strip()


def page_furniture(doc: Document, blocks: list[Block], p: Patterns) -> frozenset[str]:
    """Keys of lines that are page headers or footers: "Page 2 of 3" lines, and short lines repeated on 3+ pages.

    (A PDF repeats the running title on every page; an action is not written three times word for word.)
    """
    seen: dict[str, set] = {}
    out = set()
    for b in blocks:
        if b.kind == "table_cell":  # a table's rows are content, however alike; its header row is handled apart
            continue
        for s, e in ((m.start(), m.end()) for m in re.finditer(r"[^\n]+", b.text)):
            line = b.text[s:e].strip()
            if not line or len(line.split()) > 14:
                continue
            key = _furniture_key(line)
            if p.page_furniture.search(line):
                out.add(key)
            seen.setdefault(key, set()).add((b.page, b.ordinal))
    out.update(k for k, where in seen.items() if k and len(where) >= 3 and len({pg for pg, _ in where}) >= 2)
    return frozenset(out)


def _row_cells(rows: dict[tuple[int, int], list[Block]], b: Block) -> list[Block]:
    """The cells of b's row, with the cells merged down into it from the rows above ("UNICEF" over three rows)."""
    row = b.row or 0
    above = [c for r in range(row) for c in rows.get((b.table_id, r), ())
             if c.row_span and row < (c.row or 0) + c.row_span]
    return above + rows.get((b.table_id, row), [])


def _annex_skips(text: str, p: Patterns) -> bool | None:
    """None when the line is no annex title; else whether its annex holds no actions ("ANNEX 2 - List of
    participants", "Annex 3: Agenda") and is skipped until the next annex."""
    annex = p.annex_line.match(_bare_heading(text))
    return None if annex is None else bool(p.skip_headings.match(annex.group("title").strip()))


def _skipped_by(chain: list[Section], headings: list[Block], p: Patterns) -> tuple[str, int] | None:
    """The section ("s", ordinal) or heading block ("h", ordinal) whose title says it holds no actions (agenda,
    attendance, links), or None. The nearest heading block counts when segment left no section for it ("## Agenda")."""
    hit = next((s for s in chain if s.kind != "update" and p.skip_headings.match(_bare_heading(s.heading))), None)
    if hit is not None:
        return ("s", hit.ordinal)
    if headings and p.skip_headings.match(_bare_heading(headings[-1].text)):
        return ("h", headings[-1].ordinal)
    return None


def agenda_bodies(blocks: list[Block], secs: Sections, p: Patterns) -> frozenset[tuple[str, int]]:
    """The agenda sections and headings (keys as _skipped_by gives them) under which the minutes are written.

    An agenda is a list of topics, so its lines are no candidates; but some minutes write the whole discussion
    under their "Agenda" heading, as nested notes under each topic. An agenda heading with AGENDA_BODY_ITEMS or
    more list items nested below its list's outer level, of AGENDA_NOTE_WORDS or more words each, holds the
    discussion: its lines are candidates like any other. (Formats number list levels from 0 or from 1, and a
    numbered agenda's topics are often six words long: only nesting tells notes from topics.)
    """
    items: dict[tuple[str, int], list[tuple[int, int]]] = {}  # key -> (level, words) of each list item under it
    headings: list[Block] = []
    for b in blocks:
        if b.kind == "heading":
            while headings and (headings[-1].level or 0) >= (b.level or 0):
                headings.pop()
            headings.append(b)
            continue
        if b.kind != "list_item":
            continue
        key = _skipped_by(secs.chain(secs.at(b.start_char)), headings, p)
        if key is not None:
            items.setdefault(key, []).append((b.level or 0, len(b.text.split())))
    titles = {("s", s.ordinal): s.heading for s in secs.by_ordinal.values()}
    titles.update((("h", b.ordinal), b.text) for b in blocks if b.kind == "heading")
    return frozenset(k for k, found in items.items() if p.agenda_headings.match(_bare_heading(titles.get(k, "")))
                     and sum(1 for level, words in found if level > min(found)[0] and words >= AGENDA_NOTE_WORDS)
                     >= AGENDA_BODY_ITEMS)


def _header_block(b: Block, seg: Segmented) -> bool:
    """The block is a line of the meeting header: it holds a header field and little else (a block is skipped as
    a header line when this holds and its field sits near its start, `_holds_header_field`).

    A page saved on one line is one block that holds the header's fields and the whole body after them; it is read.
    """
    covered = sum(max(0, min(f.span.end_char, b.end_char) - max(f.span.start_char, b.start_char))
                  for f in seg.header.fields)
    return covered > 0 and len(b.text.strip()) - covered < HEADER_BODY_CHARS


def lines(doc: Document, seg: Segmented, p: Patterns) -> list[Line]:
    """Every body line of the document with its context, in document order.

    Page headers and footers, a table's header row read as a line and MeetBot's "(nick, time)" trailers
    are left out; what remains is every candidate, for the learned decision to weigh.
    """
    secs = Sections(seg.sections)
    blocks = sorted(seg.blocks or doc.blocks, key=lambda b: b.ordinal)
    furniture = page_furniture(doc, blocks, p)
    rows: dict[tuple[int, int], list[Block]] = {}
    for b in blocks:
        if b.kind == "table_cell" and b.table_id is not None:
            rows.setdefault((b.table_id, b.row or 0), []).append(b)
    # sections whose actions sit in a table's action column
    table_sections = {s.ordinal for b in blocks if b.kind == "table_cell" and column_role(b, p) == "action"
                      for s in [secs.at(b.start_char)] if s is not None}
    bodies = agenda_bodies(blocks, secs, p)
    out: list[Line] = []
    lead: dict | None = None  # the open "Next steps:" list: kind, section, table
    headings: list[Block] = []  # the heading blocks above this one, outermost first
    in_skipped_annex = False  # under "ANNEX 2 - List of participants" until the next annex
    flat: FlatTable | None = None  # the open flattened table
    # sections an attendance line ("Participants:") closed: segment left the list inside the "Action items" section
    closed_sections: set[int | None] = set()
    prev_block: Block | None = None
    for b in blocks:
        before, prev_block = prev_block, b
        if b.part in SKIP_PARTS or not b.text.strip():
            continue
        if b.kind == "heading":
            while headings and (headings[-1].level or 0) >= (b.level or 0):
                headings.pop()
            headings.append(b)
            lead = None
            flat = None
            skips = _annex_skips(b.text, p)  # an annex title set as a heading (a Word heading style, a PDF's type)
            if skips is not None:
                in_skipped_annex = skips
            continue
        section = secs.at(b.start_char)
        sec_ord = section.ordinal if section else None
        chain = secs.chain(section)
        skipper = _skipped_by(chain, headings, p)
        if skipper is not None and skipper not in bodies:
            continue
        if _holds_header_field(b, seg) and _header_block(b, seg):
            continue  # the title, date or venue line of the header
        titles = [s.heading for s in chain if s.kind != "header"] + [h.text for h in reversed(headings)]
        ctx_title = next((t for t in titles if heading_kind(t, p)), None)
        ctx_kind = heading_kind(ctx_title, p) if ctx_title else None
        ctx_listed = ctx_title is not None and heading_is_list(ctx_title, p)
        previous = any(p.previous_action_headings.search(t) for t in titles)
        role = column_role(b, p) if b.kind == "table_cell" else None
        if lead is not None and (lead["section"] != sec_ord or lead["table"] != b.table_id
                                 or (lead["kind"] == "descriptive" and b.kind != "list_item")):
            lead = None
        if role in ("owner", "deadline", "status", "header"):  # "header": a title or group row above the names
            continue
        if b.kind == "table_cell" and (b.row == 0 or (b.column_header and b.text.strip() == b.column_header.strip())):
            continue
        row_info: dict = {}
        if role == "action":
            for cell in _row_cells(rows, b):
                r = column_role(cell, p)
                key = {"owner": "row_owner", "deadline": "row_due", "status": "row_status"}.get(r or "")
                if key and cell.text.strip():
                    row_info[key] = " ".join(cell.text.split())
        for s, e in _lines_of(b, p):
            trailer = p.meetbot_trailer.search(doc.text, s, e)
            if trailer and trailer.end() == e:
                e = s + len(doc.text[s:trailer.start()].rstrip())
            text = doc.text[s:e]
            columns = flat_header(text, p) if b.table_id is None else None
            if columns is not None:
                # "Action point / Agency responsible / Deadline": a header row flattened onto a line opens a table
                flat = FlatTable(sec_ord, columns)
                continue  # the header row itself is never an action
            if flat is not None and flat.section != sec_ord:
                flat = None  # a flattened table ends with its section
            if _furniture_key(text) in furniture or (role != "action" and header_row(text, p)):
                continue
            skips = _annex_skips(text, p)
            if skips is not None:
                in_skipped_annex = skips
                continue
            if in_skipped_annex:
                continue
            last = out[-1] if out else None
            if (last is not None and before is not None and before.start_char <= last.end
                    and not doc.text[last.end:before.end_char].strip() and not doc.text[b.start_char:s].strip()
                    and _continues(before, b, doc) and not (last.attribute or last.lead_in or last.title)
                    and last.reference is None
                    # across blocks only a lower-case or "(" start goes on: "Stock update / Logistics" + "Donor call / All"
                    and _wraps(doc.text[last.start:last.end].split("\n")[-1], text, p, long_line=None)):
                out[-1] = replace(last, end=e)  # the sentence goes on in this block: one candidate, not two fragments
                continue
            info = analyse_line(text, s, p)
            if flat is not None and b.table_id is None and not role:
                row_info = flat_row(doc.text[info["body_start"]:e], flat.columns)
            title_line = section is not None and _is_heading_line(text, section)
            if title_line and role == "issue":
                continue  # an agenda table's item that opens its own section ("Follow-up on the survey"): a title
            base = dict(block_ordinal=b.ordinal, section_ordinal=sec_ord, level=b.level or 0, previous=previous)
            if "attribute" in info:
                out.append(Line(start=info["start"], end=e, body_start=info["body_start"], attribute=info["attribute"], **base))
                continue
            if info.get("descriptive") and role != "action" and not info.get("source"):
                continue
            body = doc.text[info["body_start"]:e]
            words = body.split()
            lead_kind = lead_in_kind(body, p)
            if lead_kind and (body.rstrip().endswith(":") or b.kind != "list_item") and not info.get("source"):
                lead = {"kind": lead_kind, "section": sec_ord, "table": b.table_id, "id": len(out),
                        "previous": bool(p.previous_action_headings.search(body))}
                out.append(Line(start=info["start"], end=e, body_start=info["body_start"], lead_in=True, kind=lead_kind, **base))
                continue
            if not info.get("source") and b.kind != "list_item" and p.skip_headings.match(_bare_heading(body)):
                closed_sections.add(sec_ord)  # "Participants:" under "ACTION ITEMS": the names below are no items of it
                lead = None
            if not info.get("source") and p.descriptive_lead_in.search(body):
                lead = {"kind": "descriptive", "section": sec_ord, "table": b.table_id}  # "The objectives are:"
            elif lead is not None and body.rstrip().endswith(":") and len(words) <= 8:
                lead = None  # another label line closes the list
            source, kind = info.get("source"), info.get("kind")
            if role == "action":
                source = "table_column"
                ref = p.reference.match(text)  # "Action-3": a pointer to the third item of the list above
                if ref:
                    out.append(Line(start=info["start"], end=e, body_start=info["body_start"], source=source,
                                    reference=int(ref.group(1)), **row_info, **base))
                    continue
            elif source is None and title_line:
                pass  # a section's own heading line is not an item of the list it opens
            elif source is None and lead is not None and lead["kind"] == "descriptive":
                if b.kind == "list_item":
                    continue
            elif source is None and lead is not None:
                source, kind = "marker", lead["kind"]
                base["previous"] = base["previous"] or lead["previous"]
                base["list_id"] = lead["id"]
            elif source is None and ctx_kind and (ctx_listed or b.kind in ("list_item", "table_cell")
                                                  or p.bullet.match(text)) \
                    and not (b.table_id is None and sec_ord in table_sections) and sec_ord not in closed_sections:
                # under a heading whose actions sit in a table, the prose around the table is not one of its items
                source, kind = "marker", ctx_kind
            out.append(Line(
                start=info["start"], end=e, body_start=info["body_start"], source=source, title=title_line,
                kind=kind if kind == "decision" else None, status=info.get("status"),
                label=info.get("label"), label_start=info.get("label_start"), label_style=info.get("label_style"),
                **row_info, **base,
            ))
    return out
