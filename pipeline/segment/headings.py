"""Where sections start: every block that opens one, with a rank (smaller = higher in the tree) and a kind.

Minutes mark their structure in many ways; each rule below reads one of them:
- heading blocks (Word heading styles, outline levels, markdown headings), ranked by their level;
- numbered items ("1.", "2)", "4.1", "Item 3", "Agenda item 4:", "ACTION 58.2", "1º punto del día:");
- rows of a table whose column is an issue/agenda column;
- short topic lines (bold, ending in ":", or a list item) that have content under them;
- lead-ins naming who reports ("UNHCR: ...", "World Vision:", "Priya: ...") and sub-topics ("Training: ...").
Numbered lists of sentences, and runs of short items with nothing under them, are lists, not sections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.dates.calendar import calendar
from pipeline.dates.find import DATE_EXPRESSION
from pipeline.markup import link_text
from pipeline.model import MARGIN_PARTS, Block
from pipeline.segment.columns import column_role
from pipeline.segment.cues import heading_words, next_meeting_cues
from pipeline.segment.labels import field_of, is_label_cell, labelled_values
from pipeline.segment.lexicon import is_common_word, is_first_name, looks_like_org

_WORDS = heading_words()  # models/segment/headings.json

# Ranks: heading levels 0-9 first, then the structure inside a heading's body.
RANK_ROW, RANK_NUMBERED, RANK_TOPIC, RANK_LIST_TOPIC, RANK_LEAD = 20.0, 20.0, 25.0, 30.0, 40.0

NUMBER = re.compile(
    r"^\s*(?:\d{2,4}-\d{3,5}\s+)?"  # a roll-call or resolution number before the item number: "05-1101 1. ROLL CALL"
    r"(?:\*\*|__)?(?P<number>"
    rf"{_WORDS.item_number}"  # "Agenda item 4", "Topic 2", "2º punto del día": models/segment/headings.json
    r"|\d{1,2}(?:\.\d{1,2})+\.?"
    r"|\d{1,2}[.)]"
    r"|\(\d{1,2}\)"
    r"|[ivx]{1,5}[.)]"
    r"|[a-h][.)]"
    r")(?:\*\*|__)?(?:\s*[:.\-–—]\s*|\s+|(?<=[.)])(?=[A-ZÀ-Ý][a-zà-ÿ]))(?:\*\*|__)?(?P<title>\S.*)$", re.I | re.S)
# "2 Budget" set in bold or a heading's type: a bare item number is one only when the line's weight or size makes it
# a heading (TeX and many Word templates number headings without a stop; in a regular line "3 projects were
# funded" is a count).
BOLD_NUMBER = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})*)\s+(?P<title>[A-ZÀ-Ý]\S.*)$", re.S)
PAGE_FURNITURE = _WORDS.page_furniture  # lines printed by the page, not the writer: "Page 1 of 4", "- 3 -", "2/7"
# A heading in capitals, with what the printer put after it: "PROCLAMATIONS – 4:15 P.M.", "ROLL CALL:".
CAPS_HEADING = re.compile(r"^(?P<title>[A-ZÀ-Ý][A-ZÀ-Ý0-9 ,&/'’()\-–]{2,100}?)\s*(?:[:–—-]\s*(?P<rest>.*))?$", re.S)
# An agenda item annotated with its time, before or after its title: a time box ("(_10 min max_):", "[5 mins]",
# "(15')", "– 10 min", "(Time: 5 minutes)") or a slot ("09:00 – 09:15", "15h:30-15h40 /", "(14.00-14.30)"). Seen in
# three unrelated minutes (a TAC agenda's leading boxes, a WASH cluster's leading slots, a council's trailing boxes):
# one kind of evidence, read on either side. The clock units are the calendar's (models/dates/calendar.json).
_CLOCK = r"\d{1,2}[:.h]{1,2}\d{2}\s*(?:[ap]\.?m\.?)?"
_SLOT = rf"{_CLOCK}\s*(?:[-–—]|to)\s*{_CLOCK}(?:\s*hrs)?"
_BOXED = rf"\d{{1,3}}\s*(?:{calendar().unit_pattern('minute', 'hour')}|')\.?(?:\s+max)?\.?"
TIME_BOX = re.compile(rf"^\s*(?:[(\[][_*]*(?:[\w*]{{1,10}}\s*:\s*)?{_BOXED}[_*]*[)\]]\s*:?|{_SLOT}\s*[:|/\-–—]?)\s*", re.I)
TRAILING_DURATION = re.compile(rf"\s*(?:[-–—,]\s*(?:{_BOXED}|{_SLOT})"
                               rf"|[(\[][_*]*(?:[\w*]{{1,10}}\s*:\s*)?(?:{_BOXED}|{_SLOT})[_*]*\s*[)\]])\s*$", re.I)
# Explicit item markers title long paragraphs too ("2º punto del día: Se aprueba el presupuesto ...").
EXPLICIT_ITEM = _WORDS.explicit_item
BULLET = _WORDS.bullet  # "• ", "⮚ ", "[x] ": the glyphs are data (headings.json, marks)
LEAD_IN = re.compile(r"^\s*(?:[-*+•·◦▪]\s+)?(?:\*\*|__)?(?P<lead>[^\W\d_][^:\n]{0,58}?)(?:\*\*|__)?\s*:(?:\*\*|__)?(?:\s+|$)")
NOT_LEADS = _WORDS.not_leads  # lead words that introduce a marker, a field or a note, not a reporter or topic
NEXT_MEETING = next_meeting_cues().announce  # "Next meeting", "Prochaine réunion": models/segment/next_meeting.json
AOB = _WORDS.aob
FRONT_MATTER = _WORDS.front_matter
UPDATE_BY = _WORDS.update_by
AGENDA_INTRO = _WORDS.agenda_intro
DATE_ONLY = re.compile(r"[\w ,./-]{0,12}\d{1,4}[\w ,./-]{0,25}")
SENTENCE_END = re.compile(r"[.!?;,]\s*$")
DOT_LEADER = re.compile(r"\s*(?:\.{3,}|…{2,}|(?:\.\s){3,})[\s.…]*\d*\s*$")


@dataclass(frozen=True)
class Candidate:
    """A block that opens a section."""

    block: int  # index into the document's blocks
    rank: float
    heading: str
    kind: str  # title | agenda_item | update | sub_topic | next_meeting | aob | other
    number: str | None = None
    speaker: str | None = None
    speaker_org: str | None = None
    agenda_entry: str | None = None  # "run" (short numbered items, nothing under), "sentence" (a numbered line that
    # is a sentence: an item only in sequence with numbered sections) or "agenda" (listed after an Agenda line)
    start_char: int | None = None  # a line inside its block opens the section here (None: where the block starts)


MAX_HEADING_CHARS = 300  # a heading is read from the start of its line; the rest of a huge line is body text


def clean_heading(text: str) -> str:
    """The heading without markup, dot leaders and page numbers, trailing colon or extra space."""
    text = BULLET.sub("", DOT_LEADER.sub("", text.split("\n", 1)[0][:MAX_HEADING_CHARS]))
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = link_text(text)  # markdown links keep their words
    text = re.sub(r"<!--.*?(?:-->|$)", "", text)  # an HTML comment in a Markdown heading is no part of it
    text = TRAILING_DURATION.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" :–—-\t#*>_")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’&./-]*", text)


def is_topic_line(text: str, max_words: int = 12) -> bool:
    """Short, starts like a title, and does not end like a sentence."""
    line = clean_heading(text)
    w = words(re.sub(r"\([^()]*\)\s*$", "", line))  # "(**Time**: 20 min)" after a title
    if not (any(re.search(r"[^\W\d_]{2}", x) for x in w) or AOB.fullmatch(line)) or line.count("(") != line.count(")"):
        return False  # a page number, a date, a line cut out of a parenthesis ("A.O.B" is a title, spelt out)
    if not w or len(w) > max_words or len(line) > 110 or "\n" in text.strip():
        return False
    if SENTENCE_END.search(line):
        return False
    return line[0].isupper() or line[0].isdigit() or line.startswith(("@", "#"))


def speaker_kind(lead: str, known: dict[str, str], language: str = "en") -> str | None:
    """org, person, topic or None (not a reporter) for a lead-in's words."""
    lead = clean_heading(lead)
    w = words(lead)
    if not w or len(w) > 6 or NOT_LEADS.match(lead) or not lead[0].isupper():
        return None
    if lead in known:
        return known[lead]
    if w[0] in known and known[w[0]] == "person":
        return "person"
    if looks_like_org(lead):
        return "org"
    if lead.isupper():
        return "topic"  # "ROLL CALL", "PUBLIC HEARINGS": a heading in capitals (acronyms were caught above)
    content = [x for x in w if x.lower() not in _WORDS.lower_words]
    if any(not x[0].isupper() for x in content):
        return "topic"  # "Flood mapping project", "Water point survey tool"
    if len(w) <= 3 and (is_first_name(w[0]) or re.fullmatch(r"[A-Z]{1,2}\.?", w[0]) and len(w) > 1):
        return "person"  # "Anil Okafor", "P Durand", "JM Lefort"
    if any(is_common_word(x, language) for x in content):
        return "topic"  # "Training", "Budget", "Roles for the Rewrite", "Calendrier"
    return "person" if len(content) <= 3 else "topic"


def _next_content(blocks: tuple[Block, ...], i: int) -> Block | None:
    for k in range(i + 1, len(blocks)):
        if blocks[k].text.strip():
            return blocks[k]
    return None


def _same_cell(a: Block, b: Block) -> bool:
    return (a.table_id, a.row, a.col) == (b.table_id, b.row, b.col)


def _has_content_under(blocks: tuple[Block, ...], i: int) -> bool:
    """Whether the block is followed by something subordinate: deeper list items, or body text after a list item."""
    b, nxt = blocks[i], _next_content(blocks, i)
    if nxt is not None and b.table_id is None and nxt.table_id is not None and b.kind == "paragraph":
        # "**Action items**" then a table: the table stands under the emphasised or colon-ended line before it
        return b.bold or b.text.lstrip().startswith(("**", "__")) or b.text.rstrip().endswith(":")
    if nxt is None or not _same_cell(b, nxt) or nxt.kind == "heading":
        return False
    if b.kind == "list_item":
        if nxt.kind == "list_item":
            # "• Training plan :" then items at the same level: a converter that lost the nesting
            if NUMBER.match(b.text) and BULLET.match(nxt.text) and not NUMBER.match(nxt.text):
                return True  # "2. Updates" then "• Figures were shared": the bullets stand under the item
            return (nxt.level or 1) > (b.level or 1) or (
                (nxt.level or 1) == (b.level or 1) and b.text.rstrip().endswith(":") and not nxt.text.rstrip().endswith(":"))
        return not NUMBER.match(nxt.text) or bool(re.match(r"\s*\d+\.\d+", nxt.text))
    ends_colon = clean_heading(b.text) != b.text.split("\n", 1)[0].strip() and b.text.rstrip().endswith(":")
    if nxt.kind == "list_item" or BULLET.match(nxt.text) or NUMBER.match(nxt.text):
        return True
    if b.bold and nxt.kind == "paragraph" and not nxt.bold and not nxt.text.lstrip().startswith(("**", "__")) \
            and not is_label_cell(b.text.strip()) and not FRONT_MATTER.match(clean_heading(b.text)):
        return True  # a bold line over regular text, short or not: the weight sets the heading apart from its body
    emphasised = b.bold or b.text.lstrip().startswith(("**", "__"))
    return (ends_colon or emphasised) and not is_topic_line(nxt.text)


# Past this many words after the AOB words, the rest is the next text, not a longer title ("Other Business Items").
MIN_RUN_ON_WORDS = 6


def aob_only(heading: str) -> str:
    """'AOB' of "AOB Coordination mechanism The objectives ...": a page that lost the line break after the last
    agenda item ran the next heading or paragraph onto it, with no stop or colon between."""
    m = AOB.match(heading)
    rest = heading[m.end():].lstrip(". ") if m else ""
    if not rest or not rest[0].isupper() or len(words(rest)) < MIN_RUN_ON_WORDS:
        return heading
    return heading[:m.end()].strip(" .")


def _kind_of(heading: str, default: str) -> str:
    if NEXT_MEETING.search(heading):
        return "next_meeting"
    if AOB.match(heading):
        return "aob"
    if FRONT_MATTER.match(heading) or field_of(heading) is not None:
        return "other"  # "Agenda", "Meeting started", or a header field's label alone ("LOCATION", "Facilitator")
    return default


def _with_update(c: Candidate, known: dict[str, str], language: str) -> Candidate:
    """'Update by Diego', 'UNHCR update' are someone's update."""
    m = UPDATE_BY.match(c.heading)
    if not m or c.kind != "agenda_item":
        return c
    who = (m.group("who") or m.group("who2") or "").strip()
    if re.search(r"[/,]|\band\b|&", who):
        return c  # "Partner/agency updates": several reporters, an agenda item
    kind = speaker_kind(who, known, language)
    if kind == "org":
        return Candidate(**{**c.__dict__, "kind": "update", "speaker_org": who})
    if kind == "person":
        return Candidate(**{**c.__dict__, "kind": "update", "speaker": who})
    return c


PAGE_EDGE = 2  # a running title or page line is among the first or last blocks of its page


def running_lines(blocks: tuple[Block, ...]) -> frozenset[int]:
    """Blocks a paginated file prints at the edge of two or more pages: the same line, apart from its page number.

    "3 14/01/2022" on page 3 and "4 14/01/2022" on page 4 are one running header; read from the pages' layout,
    not from their words, so a running title in any language or form is found.
    """
    edges: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.page is not None and b.text.strip() and b.part not in MARGIN_PARTS:
            edges.setdefault(b.page, []).append(i)
    if len(edges) < 2:
        return frozenset()
    pages: dict[str, set[int]] = {}
    keyed: dict[int, str] = {}
    for page, idx in edges.items():
        for i in idx[:PAGE_EDGE] + idx[-PAGE_EDGE:]:
            text = " ".join(blocks[i].text.split())
            if len(text) > 80:
                continue
            m = re.fullmatch(r"(\d{1,3})\s+(.+)|(.+?)\s+(\d{1,3})", text)
            if m and int(m.group(1) or m.group(4)) == page:
                text = m.group(2) or m.group(3)  # the page's own number folded away
            keyed[i] = text.lower()
            pages.setdefault(keyed[i], set()).add(page)
    return frozenset(i for i, key in keyed.items() if len(pages[key]) >= 2)


RANK_ENTRY = RANK_NUMBERED - 1.0  # one meeting's entry in a file that logs several: it holds that meeting's items
LOG_START = 5  # a log's first entry stands among its first blocks, right under the title
MAX_ENTRY_WORDS = 12


def _entry_line(text: str) -> bool:
    """One short line that could title a meeting's entry: no sentence, no flattened table row, no field."""
    line = text.strip()
    return bool(line) and "\n" not in line and len(words(line)) <= MAX_ENTRY_WORDS and not SENTENCE_END.search(line) \
        and not re.search(r"\s/\s|\t|\|", line) and not is_field(line)


def _date_led(text: str) -> bool:
    """"03/02/25 kick-off", "7th June": an entry line that opens with a date."""
    m = DATE_EXPRESSION.match(text.strip())
    return m is not None and _entry_line(text)


def entry_lines(blocks: tuple[Block, ...], skip: frozenset[int] = frozenset()) -> frozenset[int]:
    """The lines that open each meeting of a file that logs several meetings, read from the file's own layout.

    Two signs, either enough: the same header field comes back after a short line ("03/02/25" then "Attendees:",
    again and again: the line opens the meeting whose fields follow), or two or more paragraph lines led by a date
    each stand over content of their own ("14th March" then the notes of that day). A log opens with its first
    meeting, so the first entry stands near the top.
    """
    body = [i for i, b in enumerate(blocks) if b.text.strip() and b.part not in MARGIN_PARTS and i not in skip
            and b.table_id is None and b.kind in ("paragraph", "heading")]
    before_fields: list[tuple[int, str]] = []
    in_fields = False
    for pos, i in enumerate(body):
        found = labelled_values(blocks[i].text.split("\n", 1)[0], 0)
        if found and not in_fields and pos > 0 and _entry_line(blocks[body[pos - 1]].text):
            before_fields.append((body[pos - 1], found[0].field))
        in_fields = bool(found)
    repeats = {f for f in {f for _, f in before_fields} if sum(1 for _, g in before_fields if g == f) >= 2}
    out = {i for i, f in before_fields if f in repeats}
    dated = [i for i in body if blocks[i].kind == "paragraph" and _date_led(blocks[i].text)]
    followed = [i for n, i in enumerate(dated) if body.index(i) + 1 < len(body)
                and (n + 1 == len(dated) or body[body.index(i) + 1] != dated[n + 1])]
    if len(followed) >= 2:
        out |= set(followed)
    if out and sum(1 for b in blocks[:min(out)] if b.text.strip() and b.part not in MARGIN_PARTS) > LOG_START:
        return frozenset()  # dated notes inside one meeting's minutes: a log opens with its first meeting
    return frozenset(out)


def find_candidates(blocks: tuple[Block, ...], known: dict[str, str] | None = None, language: str = "en"
                    ) -> list[Candidate]:
    """Every block that opens a section, in document order."""
    known = known or {}
    running = running_lines(blocks)
    entries = entry_lines(blocks, running)
    out: list[Candidate] = []
    row_seen: set[tuple[int, int]] = set()
    issue_cols = {(b.table_id, b.col) for b in blocks if b.column_role == "issue"}
    row_numbers = _row_numbers(blocks)
    plain = _unstyled_body(blocks)
    caps_share = _caps_share(blocks)
    front = front_matter_blocks(blocks)
    bare = bare_number_items(blocks)
    flat_topic: int | None = None
    if front:
        title = next((m.group(1) for b in blocks[:front] for m in [YAML_TITLE.search(b.text)] if m), None)
        if title:
            out.append(Candidate(0, 0.0, clean_heading(title.strip().strip("'\"")), "title"))
    for i, b in enumerate(blocks):
        text = b.text.strip()
        if not text or b.part in MARGIN_PARTS or i < front or i in running:
            continue
        c = _candidate(blocks, i, b, text, issue_cols, row_seen, row_numbers, known, language, caps_share)
        if i in entries and b.kind != "heading" and (c is None or c.rank > RANK_ENTRY):
            c = Candidate(i, RANK_ENTRY, clean_heading(text), "agenda_item")
        if c is None and i in bare:
            c = _bare_item(i, b, text)
        if c is None and plain and _layout_heading(blocks, i, text):
            heading = clean_heading(text)
            c = Candidate(i, RANK_TOPIC, heading, _kind_of(heading, "agenda_item"))
        if c is not None:
            out.append(_with_update(c, known, language))
        if b.kind in ("paragraph", "list_item") and b.table_id is None and "\n" in text:
            out += _line_candidates(i, b)
        # A flattened "Topic / Who" agenda table: plain text has it as table cells from ingest (flat_tables.py), but
        # Markdown, HTML, Word and PDF (and a one-row table in plain text) keep its lines as paragraphs.
        cells = re.split(r"\s+/\s+", text) if "\n" not in text and b.table_id is None else []
        glued = _glued_header_row(cells) if c is None and flat_topic is None else None
        if flat_topic is not None and len(cells) >= 2 and flat_topic < len(cells) \
                and is_topic_line(cells[flat_topic], 16) and (c is None or c.start_char is None and not c.number):
            if c is not None:  # "17h10 – 17h30 / AOB": the row's topic cell, not the whole row, is the heading
                out.pop()
                c = None
            heading = clean_heading(cells[flat_topic])  # a row of a flattened "Topic / Who" agenda table
            out.append(Candidate(i, RANK_NUMBERED, heading, _kind_of(heading, "agenda_item"), agenda_entry="agenda"))
        elif glued is not None:
            flat_topic, topic = glued
            offset = b.start_char + b.text.index(topic)
            out.append(Candidate(i, RANK_NUMBERED, clean_heading(topic), _kind_of(topic, "agenda_item"),
                                 agenda_entry="agenda", start_char=offset))
        else:
            flat_topic = _issue_cell(cells) if c is None else None
    first = next((k for k, b in enumerate(blocks) if b.text.strip() and b.part not in MARGIN_PARTS
                  and not PAGE_FURNITURE.match(b.text) and k not in running), None)
    if out and out[0].block == first and blocks[first].kind == "paragraph" and not out[0].number:
        out[0] = replace(out[0], kind="title", speaker=None, speaker_org=None)  # "Board meeting, 3 March 2022"
    out = _agenda_table_entries(blocks, out)
    return _mark_agenda_lists(blocks, _join_numbered_sequences(_drop_repeated(blocks, out, entries)), known)


def _agenda_table_entries(blocks: tuple[Block, ...], cands: list[Candidate]) -> list[Candidate]:
    """The rows of a table right after an "Agenda" line are agenda entries, as the items of a list there are: the
    minutes' own "Topic 1: ..." items take them up later, or they are the sections themselves."""
    announced: set[int] = set()
    for k, b in enumerate(blocks):
        if b.table_id is not None and b.table_id not in announced and (k == 0 or blocks[k - 1].table_id != b.table_id):
            prev = next((j for j in range(k - 1, -1, -1) if blocks[j].text.strip()), None)
            if prev is not None and blocks[prev].table_id is None and _introduces_agenda(blocks, prev):
                announced.add(b.table_id)
    if not announced:
        return cands
    return [replace(c, agenda_entry="agenda") if c.agenda_entry is None and blocks[c.block].table_id in announced
            and blocks[c.block].row else c for c in cands]


def _candidate(blocks, i: int, b: Block, text: str, issue_cols, row_seen, row_numbers, known, language,
               caps_share: float = 0.0) -> Candidate | None:
    numbered = NUMBER.match(text)
    caps = CAPS_HEADING.match(numbered.group("title")) if numbered else None
    if caps and caps.group("rest") is not None and _is_caps_title(caps.group("title")):
        heading = caps.group("title").strip(" ,-–")  # "1. ROLL CALL: Present: ...": the heading, then the record
        return Candidate(i, RANK_NUMBERED, heading, _kind_of(heading, "agenda_item"), numbered.group("number").strip())
    if numbered and b.table_id is None and b.kind != "heading" and is_field(text):
        found = _run_on_past_field(i, numbered)
        if found is not None:
            return found
    if is_field(text) or PAGE_FURNITURE.match(text):
        return None  # "Date: ...", "Present: ..." are header fields, read by header.py; "Page 2 of 5" is the page's
    boxed = TIME_BOX.match(text)
    if boxed and b.kind != "heading":
        text = text[boxed.end():]  # "(10 min): Update from the tooling group" is an agenda item
    if b.kind == "heading":
        number, title = _split_number(text)
        bare = BOLD_NUMBER.match(text) if number is None else None
        if bare:  # "2 Site planning" in a heading's type: the number a heading carries without a stop
            number, title = bare.group("number"), bare.group("title")
        heading = clean_heading(title)
        if not heading:
            return None
        kind = "title" if (b.level or 0) == 0 else _kind_of(heading, "agenda_item")
        return Candidate(i, float(b.level or 0), heading, kind, number)
    if b.table_id is not None and (b.table_id, b.col) in issue_cols and b.row:
        if (b.table_id, b.row) not in row_seen:
            row_seen.add((b.table_id, b.row))
            heading = _short_title(text)
            number = next((t for col, t in row_numbers.get((b.table_id, b.row), ()) if col != b.col), None)
            return Candidate(i, RANK_ROW, heading, _kind_of(heading, "agenda_item"), number)
    numbered = NUMBER.match(text) or (BOLD_NUMBER.match(text) if b.bold and b.kind == "paragraph" else None)
    if numbered:
        found = _numbered(blocks, i, b, numbered)
        if found is not None:
            return found
    caps = _caps_heading(b, text, caps_share)
    if caps is not None:
        return Candidate(i, RANK_TOPIC - 1.0, caps, _kind_of(caps, "agenda_item"))
    if boxed and is_topic_line(_cut_aside(text), 16):
        heading = clean_heading(_cut_aside(text))
        return Candidate(i, RANK_TOPIC, heading, _kind_of(heading, "agenda_item"))
    lead = LEAD_IN.match(text) if b.ordinal > 0 else None  # the first line "Minutes 2: Kick-off" is the title
    if lead:
        c = _lead_in(i, b, lead, text, known, language)
        if c is not None:
            return c
    if (is_topic_line(text) or _asked_topic(blocks, i, b, text)) and _has_content_under(blocks, i):
        heading = clean_heading(text)
        who = speaker_kind(heading, known, language) if len(words(heading)) <= 3 else None
        if who in ("person", "org"):  # "- Amira" with that person's points under it
            return Candidate(i, RANK_LIST_TOPIC + (b.level or 1) if b.kind == "list_item" else RANK_LEAD, heading,
                             "update", speaker=heading if who == "person" else None,
                             speaker_org=heading if who == "org" else None)
        emphasised = text.startswith(("**", "__")) or b.bold
        if b.kind == "list_item":
            rank = RANK_LIST_TOPIC + (b.level or 1)
        else:
            rank = RANK_TOPIC - (1.0 if emphasised else 0.0)
        return Candidate(i, rank, heading, _kind_of(heading, "agenda_item" if rank < RANK_LIST_TOPIC else "sub_topic"))
    if numbered and b.table_id is None:
        return _numbered_sentence(i, numbered)
    return None


# A page the site ran onto one line, cut before each item number (ingest/page_text.py), keeps a table's rows as
# "1 Opening remarks  The chair welcomed ...": the number without a stop, the first cell set apart by two spaces.
BARE_ITEM = re.compile(r"^\s*(?P<number>\d{1,2})\s+(?P<title>[A-ZÀ-Ý].*)$", re.S)
CELL_GAP = re.compile(r"\s{2,}")
MAX_BARE_TITLE_WORDS = 14  # a first cell longer than this is the sentence of a cell, not an item's title


def bare_number_items(blocks: tuple[Block, ...]) -> frozenset[int]:
    """The blocks opening with a bare item number ("1 Opening remarks"), when those numbers count 1, 2, ... over
    the document's plain paragraphs: a count ("3 Tents were delivered") stands alone, a sequence numbers items."""
    runs: list[list[int]] = []
    last = 0  # the number of the open run's last block
    for i, b in enumerate(blocks):
        plain = b.kind == "paragraph" and b.table_id is None and not NUMBER.match(b.text)
        m = BARE_ITEM.match(b.text) if plain else None
        if m is None:
            continue
        value = int(m.group("number"))
        if value == 1:
            runs.append([i])
            last = 1
        elif runs and value == last + 1:
            runs[-1].append(i)
            last = value
    return frozenset(i for run in runs if len(run) >= 2 for i in run)


def _bare_item(i: int, b: Block, text: str) -> Candidate | None:
    """The title of a bare-numbered item of a page cut apart: its first cell, or the whole block when short."""
    m = BARE_ITEM.match(text)
    title = CELL_GAP.split(m.group("title").strip(), maxsplit=1)[0]
    if not is_topic_line(title, MAX_BARE_TITLE_WORDS):
        return None
    heading = clean_heading(title)
    return Candidate(i, RANK_NUMBERED, heading, _kind_of(heading, "agenda_item"), m.group("number"))


MAX_SENTENCE_ITEM_WORDS = 40  # "2. Last minutes were reviewed and adopted." may be an agenda item; a paragraph is not


def _numbered_sentence(i: int, m: re.Match) -> Candidate | None:
    """"2. The minutes of the last meeting were adopted." between "1. Welcome" and "3. Updates": a numbered line
    written as a sentence is an agenda item when its numbers run in sequence with numbered sections
    (_join_numbered_sequences decides), and a point of a numbered list otherwise."""
    number, title = m.group("number").strip(), m.group("title")
    if not re.fullmatch(r"\d{1,2}[.)]?", number) or len(words(title)) > MAX_SENTENCE_ITEM_WORDS or "\n" in title.strip():
        return None
    heading = _short_title(title)
    if not heading or not heading[0].isupper() or not re.search(r"[^\W\d_]{2}", heading):
        return None  # "25.02.2025" over the notes of that day is a date, no numbered item
    return Candidate(i, RANK_NUMBERED, heading, _kind_of(heading, "agenda_item"), number, agenda_entry="sentence")


def _asked_topic(blocks, i: int, b: Block, text: str) -> bool:
    """"Next steps for the pilot?", "Welcome, first call!": a list item ending like a question or an exclamation
    is still a topic when deeper items stand under it; the nesting, not the punctuation, says so."""
    line = clean_heading(text)
    if b.kind != "list_item" or not re.search(r"[?!]\s*$", line) or not is_topic_line(line.rstrip("?! ")):
        return False
    nxt = _next_content(blocks, i)
    return nxt is not None and nxt.kind == "list_item" and _same_cell(b, nxt) and (nxt.level or 1) > (b.level or 1)


def is_field(text: str) -> bool:
    """A labelled header field with a value ("Date: 6 May", "date: 14/02/2023 18:00"), not a heading."""
    return bool(labelled_values(text.split("\n", 1)[0], 0))


def _split_number(text: str) -> tuple[str | None, str]:
    m = NUMBER.match(text)
    if m and not re.fullmatch(r"[a-h][.)]", m.group("number"), re.I):
        return m.group("number").strip(), m.group("title")
    return None, text


def _numbered(blocks, i: int, b: Block, m: re.Match) -> Candidate | None:
    number, title = m.group("number").strip(), aob_only(m.group("title"))
    depth = number.count(".") - (1 if number.endswith(".") else 0)
    rank = RANK_NUMBERED + max(depth, 0) + (1 if re.fullmatch(r"[a-h][.)]|\(\d+\)", number, re.I) else 0) \
        - (0.5 if re.fullmatch(r"[ivx]+[.)]", number, re.I) else 0)
    explicit = EXPLICIT_ITEM.search(number) is not None
    if is_topic_line(title, max_words=14):
        heading = clean_heading(title)
        nxt = _next_content(blocks, i)
        entry = not _has_content_under(blocks, i) and not (
            nxt is not None and _same_cell(b, nxt) and nxt.kind == "paragraph" and not NUMBER.match(nxt.text)
            and not is_topic_line(nxt.text))
        return Candidate(i, rank, heading, _kind_of(heading, "agenda_item"), number, agenda_entry="run" if entry else None)
    if title.rstrip().endswith(".") and not re.search(r"[.!?;]\s+\S", title) \
            and is_topic_line(title.rstrip().rstrip("."), 12) and _has_content_under(blocks, i):
        heading = clean_heading(title.rstrip().rstrip("."))  # "1. Review of the previous decisions." then bullets
        return Candidate(i, rank, heading, _kind_of(heading, "agenda_item"), number)
    if not re.search(r"[.!?;]\s+\S", title.strip()) and len(words(title)) <= MAX_SENTENCE_ITEM_WORDS \
            and re.search(r"[^\W\d_]{2}", title) and _items_under(blocks, i):  # "1. Review of the strategy drafted at the meeting of 9 May." over bullets
        return Candidate(i, rank, _short_title(title), _kind_of(title, "agenda_item"), number)
    if explicit:  # a numbered sentence is a list item unless the number says it is an agenda item
        return Candidate(i, rank, _short_title(title), _kind_of(title, "agenda_item"), number)
    caps = CAPS_HEADING.match(title)
    if caps and caps.group("rest") is not None and _is_caps_title(caps.group("title")):
        heading = caps.group("title").strip(" ,-–")  # "1. ROLL CALL: Present: ...": the heading, then the record
        return Candidate(i, rank, heading, _kind_of(heading, "agenda_item"), number)
    heading = run_on_title(title)
    if heading is not None:  # "1. Welcome The chair opened ...": a section only in sequence (_join_numbered_sequences)
        return Candidate(i, rank, heading, _kind_of(heading, "agenda_item"), number, agenda_entry="run_on")
    return None


def _run_on_past_field(i: int, m: re.Match) -> Candidate | None:
    """"1. Welcome The meeting was chaired by ...": a label the body holds ("chaired by") makes no field of a
    numbered paragraph whose title ends before it."""
    heading = run_on_title(m.group("title"))
    fields = labelled_values(m.string.split("\n", 1)[0], 0)
    if heading is None or not fields or fields[0].start_char < m.start("title") + len(heading):
        return None
    return Candidate(i, RANK_NUMBERED, heading, _kind_of(heading, "agenda_item"), m.group("number").strip(),
                     agenda_entry="run_on")


MAX_RUN_ON_TITLE_WORDS = 14
MIN_RUN_ON_BODY_WORDS = MIN_RUN_ON_WORDS
WHO_DOES = re.compile(r"\s[-–]\s+[a-z]")  # "Dana - send the map": a numbered action row (who, then the task)
_TOKEN = re.compile(r"\S+")


def run_on_title(title: str) -> str | None:
    """"Welcome and introductions" of "Welcome and introductions The chair opened the meeting ...": the title of a
    numbered paragraph whose body the page ran on after it, with no stop between. The title ends at a colon, or
    before the first capitalised word that opens a sentence: a sentence opener ("The", "Il"), or a capitalised word
    after a lower-case one that links no name to the title ("... minutes Minutes were adopted", but "Update from
    Kestrel Aid" goes on). None when no such end comes within the first words, or no body follows it on the same
    line (a title on a line of its own is read as one already)."""
    title = title.split("\n", 1)[0]
    tokens = list(_TOKEN.finditer(title))
    end = None
    for k, tok in enumerate(tokens[:MAX_RUN_ON_TITLE_WORDS + 1]):
        word = tok.group(0)
        if word.endswith((":", "：")):  # "Contingency plan: The plan ..." / "Sécurité : la situation ..."
            end = tok.end() - 1 if len(word) > 1 else (tokens[k - 1].end() if k else None)
            break
        if k == 0 or not word[0].isupper():
            continue
        prev = tokens[k - 1].group(0)
        bare = word.strip("\"'“”‘’(").lower()
        opener = bare in _WORDS.sentence_openers or bare.split("'")[0] + "'" in _WORDS.sentence_openers \
            or bare.split("’")[0] + "’" in _WORDS.sentence_openers
        after_word = prev.isalpha() and prev.islower() and prev.lower() not in _WORDS.name_links
        if (opener or (after_word and re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+", word))) and not word.isupper():
            end = tokens[k - 1].end()
            break
    if end is None:
        return None
    heading = clean_heading(title[:end]).rstrip(" ,;:-–")
    rest = title[end:].lstrip(" :：-–")
    if not heading or len(words(rest)) < MIN_RUN_ON_BODY_WORDS or not is_topic_line(heading, MAX_RUN_ON_TITLE_WORDS) \
            or WHO_DOES.search(heading):
        return None
    return heading


def _items_under(blocks, i: int) -> bool:
    """Bullets or deeper list items stand right under the block: it heads them."""
    b, nxt = blocks[i], _next_content(blocks, i)
    if nxt is None or not _same_cell(b, nxt) or NUMBER.match(nxt.text):
        return False
    if nxt.kind == "list_item" and b.kind == "list_item":
        return (nxt.level or 1) > (b.level or 1) or bool(BULLET.match(nxt.text))
    return bool(BULLET.match(nxt.text)) or nxt.kind == "list_item"


YAML_LINE = re.compile(r"^\s*(?:[\w-]+\s*:.*|-\s+.*|---|\.\.\.)?\s*$")
YAML_TITLE = re.compile(r"^\s*title\s*:\s*(.+?)\s*$", re.M | re.I)


def front_matter_blocks(blocks: tuple[Block, ...]) -> int:
    """How many leading blocks are Jekyll/YAML front matter ("---" / "layout: post" / "title: ..." / "---")."""
    if not blocks or not 3 <= blocks[0].start_char <= 4:  # the text opens with "---"
        return 0
    lines_ = blocks[0].text.strip().split("\n")
    if not (len(lines_) >= 2 and all(YAML_LINE.match(x) for x in lines_)):
        return 0
    n = 1
    while n < len(blocks) and blocks[n].text.strip() in ("---", "..."):
        n += 1
    return n


def _line_candidates(i: int, b: Block) -> list[Candidate]:
    """Numbered items and agenda-table rows on the later lines of a block a converter did not split.

    "... endorsed.\n2. Updates on arrivals" opens item 2 where its line starts; so does each row under a
    flattened "Topic / Who" header.
    """
    out: list[Candidate] = []
    pos = b.start_char
    raw_lines = b.text.split("\n")
    topic_at: int | None = None
    for k, line in enumerate(raw_lines):
        start, stripped = pos + len(line) - len(line.lstrip()), line.strip()
        pos += len(line) + 1
        if k == 0 or not stripped:
            cells = re.split(r"\s+/\s+", stripped)
            topic_at = _issue_cell(cells) if k == 0 else None
            continue
        cells = re.split(r"\s+/\s+", stripped)
        if topic_at is None and len(cells) >= 2 and _issue_cell(cells) is not None:
            topic_at = _issue_cell(cells)
            continue
        if topic_at is not None and len(cells) >= 2 and topic_at < len(cells) and is_topic_line(cells[topic_at], 16):
            heading = clean_heading(cells[topic_at])
            out.append(Candidate(i, RANK_NUMBERED, heading, _kind_of(heading, "agenda_item"), agenda_entry="agenda",
                                 start_char=start))
            continue
        topic_at = None
        m = NUMBER.match(stripped)
        if not m or re.fullmatch(r"[a-h][.)]|[ivx]{1,5}[.)]", m.group("number").strip(), re.I):
            continue
        title = m.group("title").rstrip()
        if is_topic_line(title.rstrip("."), 12) and not re.search(r"\.\s*\S", title) \
                and SENTENCE_END.search(raw_lines[k - 1].strip() or "."):
            heading = clean_heading(title)
            out.append(Candidate(i, RANK_NUMBERED + m.group("number").count("."), heading,
                                 _kind_of(heading, "agenda_item"), m.group("number").strip(), start_char=start))
    return out


def _issue_cell(cells: list[str]) -> int | None:
    """The column of a flattened table header ("Topic / Who") that holds agenda items."""
    if len(cells) < 2:
        return None
    roles = [column_role(c) for c in cells]
    return roles.index("issue") if "issue" in roles and None not in roles else None


# A converter glues a flattened table's header to its first row: "Topic / WhoReview of the work plan / All".
GLUED_HEADER_WORD = re.compile(r"^(?P<word>[A-Z][a-z]{1,14})(?=[A-Z0-9])(?P<rest>.+)$")


def _glued_header_row(cells: list[str]) -> tuple[int, str] | None:
    """The issue column and the first row's topic of a header glued to its first row, or None."""
    for k in range(1, len(cells)):
        m = GLUED_HEADER_WORD.match(cells[k])
        if not m:
            continue
        header = [*cells[:k], m.group("word")]
        row = [m.group("rest").strip(), *cells[k + 1:]]
        roles = [column_role(h) for h in header]
        if "issue" not in roles or len(row) != len(header) or not all(re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)?", h)
                                                                       for h in header):
            return None
        t = roles.index("issue")
        topic = row[t] if t < len(row) else ""
        return (t, topic) if is_topic_line(topic, 16) else None
    return None


def _unstyled_body(blocks: tuple[Block, ...]) -> bool:
    """No heading style or bold marks the body: the document's own styles say nothing of its sections. A title
    set in bold or as a heading on the first line says nothing of the body's structure."""
    body = [b for b in blocks if b.text.strip() and b.part not in MARGIN_PARTS][1:]
    return not any(b.kind == "heading" or b.bold for b in body)


def _layout_heading(blocks, i: int, text: str) -> bool:
    """In a document whose body has no styles (PDF, plain text, a Word file with only its title styled), a short
    title line between two runs of prose, or the first title after the header, over a long paragraph of prose."""
    b = blocks[i]
    if b.kind != "paragraph" or b.table_id is not None or "\n" in text or not is_topic_line(text, 14) \
            or LEAD_IN.match(text) or FRONT_MATTER.match(clean_heading(text)) or is_field(text):
        return False
    prev = next((blocks[k] for k in range(i - 1, -1, -1) if blocks[k].text.strip()), None)
    nxt = _next_content(blocks, i)
    if prev is None or nxt is None or nxt.kind != "paragraph" or nxt.table_id is not None:
        return False
    prose = lambda t, n=8: len(words(t)) >= n and re.search(r"[.!?:;]\s*$", t.strip()) is not None
    if len(words(text)) >= 2 and prose(prev.text) and prose(nxt.text):
        return True
    # the first topic after the header: a title over a long paragraph of prose, whatever the header ended on
    # (a list of agencies, a site's page counter); a title of one word only there
    return prose(nxt.text, MIN_OPENING_PARAGRAPH_WORDS) and not _continues(prev.text) and \
        not any(prose(x.text) for x in blocks[:i] if x.part not in MARGIN_PARTS)


MIN_OPENING_PARAGRAPH_WORDS = 25


def _continues(text: str) -> bool:
    """A line that runs on into the next one: it ends on a comma or a word that links ("of", "and", "de")."""
    line = text.strip()
    return line.endswith(",") or bool(words(line)) and words(line)[-1].lower() in _WORDS.lower_words


CAPS_DOCUMENT = 0.5  # past this share of capital letters a document is written in capitals, and they mark nothing


def _is_caps_title(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    w = [x for x in re.findall(r"[^\W\d_]+", title)]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and (len(w) >= 2 or len(letters) >= 6)


CLOCK_ONLY = re.compile(r"[\d:.\sapmAPM()\-–]+")  # "6 P.M.", "9:05-9:40 A.M.:": the time a heading is taken up


def _caps_heading(b: Block, text: str, caps_share: float) -> str | None:
    """A line in capitals standing alone in a mixed-case document: a heading the writer typed in capitals."""
    if b.kind in ("heading", "list_item") or b.table_id is not None or "\n" in text.strip():
        return None
    m = CAPS_HEADING.match(text)
    if not m or not _is_caps_title(m.group("title")):
        return None
    rest = (m.group("rest") or "").strip()
    if rest and not (CLOCK_ONLY.fullmatch(rest) or rest.isupper() or len(words(rest)) <= 4):
        return None
    if caps_share > CAPS_DOCUMENT:
        return None  # a document written in capitals: capitals mark nothing
    title = m.group("title") + (text[m.start("rest") - 3:m.start("rest")] + rest if rest and rest.isupper()
                                and not CLOCK_ONLY.fullmatch(rest) else "")
    title = re.sub(r"(?:\s*\([^()]*\))+\s*$", "", title.strip())  # "PUBLIC SESSION (FROM 6:30 P.M.)"
    heading = clean_heading(title).strip(" ,-–(")
    return heading if heading and not PAGE_FURNITURE.match(heading) else None


def _caps_share(blocks) -> float:
    """The share of the document's letters that are capitals."""
    letters = [c for b in blocks for c in b.text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _cut_aside(text: str) -> str:
    """'Update from the tooling WG (Ana and Li)': the title without who presents it."""
    line = text.split("\n", 1)[0]
    return re.sub(r"\s*\([^()]*\)?\s*$", "", line) or line


def _lead_in(i: int, b: Block, m: re.Match, text: str, known, language) -> Candidate | None:
    lead = clean_heading(m.group("lead"))
    kind = speaker_kind(lead, known, language)
    if kind is None:
        return None
    rest = text[m.end():].strip()
    if rest and DATE_ONLY.fullmatch(rest):
        return None  # "Minutes of the Board: 6 May 2021" is a title line
    if kind == "topic":
        if not rest or len(words(rest)) < 3:
            return None  # "Bike repair: Sam" assigns a role; "Training:" alone is a topic line
        return Candidate(i, RANK_LEAD + 1, lead, _kind_of(lead, "sub_topic"))
    return Candidate(i, RANK_LEAD, lead, "update", speaker=lead if kind == "person" else None,
                     speaker_org=lead if kind == "org" else None)


def _short_title(text: str) -> str:
    """A heading for a section that has none of its own: its first line, cut at the first sentence end."""
    line = clean_heading(text)
    # a lone letter before the stop is a sub-item's marker or an initial ("2016 a. Corrections", "J. Doe"), no end
    cut = re.search(r"(?<=[a-z0-9)])(?<!(?<![^\W\d_])[a-z])[.:;](?:\s|$)", line)
    if cut and cut.start() >= 3:
        line = line[:cut.start()]
    w = line.split()
    return " ".join(w[:14]) + (" …" if len(w) > 14 else "")


def _row_numbers(blocks: tuple[Block, ...]) -> dict[tuple[int, int], list[tuple[int, str]]]:
    """(table, row) -> the (column, text) of its cells that hold only an item number ("1.", "2.3")."""
    out: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for b in blocks:
        if b.table_id is not None and re.fullmatch(r"\s*\d{1,3}(?:\.\d+)*[.)]?\s*", b.text):
            out.setdefault((b.table_id, b.row), []).append((b.col, b.text.strip()))
    return out


def _drop_repeated(blocks: tuple[Block, ...], cands: list[Candidate], entries: frozenset[int] = frozenset()
                   ) -> list[Candidate]:
    """Lines printed on every page ("Draft, 2-3-19") or repeated filler ("No meetings") open no section; a
    meeting's entry line may repeat ("Sprint meeting # 2" twice in a log)."""
    counts: dict[str, int] = {}
    for b in blocks:
        key = b.text.strip().lower()
        if 0 < len(key) <= 80:
            counts[key] = counts.get(key, 0) + 1
    def limit(b: Block) -> int:  # a heading in capitals may open two sections ("APPROVING"); page lines repeat more
        return 3 if b.text.strip().isupper() else 2

    return [c for c in cands if blocks[c.block].kind == "heading" or c.kind == "update" or c.number
            or c.block in entries or counts.get(blocks[c.block].text.strip().lower(), 0) < limit(blocks[c.block])]


def _shape(number: str | None) -> str | None:
    if not number:
        return None
    if EXPLICIT_ITEM.search(number):  # "Agenda item 1." then "2.": one sequence, the item word written once
        number = re.sub(r"^\D+", "", number).rstrip(".:") + "."
    return re.sub(r"[a-h]", "a", re.sub(r"\d+", "9", number.strip().lower()))


def _value(number: str) -> int | None:
    digits = re.findall(r"\d+", number)
    if digits:
        return int(digits[-1])
    letter = re.search(r"[a-h]", number.lower())
    return ord(letter.group(0)) - ord("a") + 1 if letter else None


def _join_numbered_sequences(cands: list[Candidate]) -> list[Candidate]:
    """"3. Treasurer's report" between "2. Fundraising" and "4. Elections" is an item of the same agenda even
    when nothing stands under it: a short numbered item next to a numbered section in sequence is one too."""
    out = list(cands)
    for order in (range(len(out)), range(len(out) - 1, -1, -1)):
        last: dict[str, tuple[int, bool]] = {}
        for k in order:
            c = out[k]
            shape, value = _shape(c.number), _value(c.number or "")
            if shape is None or value is None:
                continue
            prev = last.get(shape)
            step = 1 if order.step > 0 else -1
            if c.agenda_entry in ("run", "sentence", "run_on") and prev and prev[1] and value == prev[0] + step:
                out[k] = c = replace(c, agenda_entry=None)
            # numbered paragraphs that each run their body on after their title are sections in sequence
            last[shape] = (value, c.agenda_entry in (None, "run_on"))
    return out


MAX_INTRO_WORDS = 40  # an agenda is announced in one sentence: "The meeting took up the following points:"


def _introduces_agenda(blocks: tuple[Block, ...], i: int) -> bool:
    """An "Agenda" line, or the sentence that ends on a colon right before a list and names the agenda in its words
    ("Les participants ont examiné l'ordre du jour suivant :"), read back over the line breaks of
    an unstyled text that put each of its lines in a block of its own."""
    b = blocks[i]
    if AGENDA_INTRO.search(b.text[:120]) and len(words(b.text)) <= 14:
        return True
    if _agenda_label_at_end(b):
        return True
    if b.kind != "paragraph" or b.table_id is not None or not b.text.rstrip().endswith(":"):
        return False
    sentence, k = b.text.strip(), i
    while not re.search(r"[.!?;:]\s+\S", sentence) and k > 0 and len(words(sentence)) <= MAX_INTRO_WORDS:
        prev = blocks[k - 1]
        if prev.kind != "paragraph" or prev.table_id is not None or re.search(r"[.!?;:]\s*$", prev.text.strip()):
            break
        sentence, k = prev.text.strip() + " " + sentence, k - 1
    sentence = re.split(r"(?<=[.!?;:])\s+(?=\S)", sentence[:-1])[-1]
    return len(words(sentence)) <= MAX_INTRO_WORDS and AGENDA_INTRO.search(sentence) is not None


# "... Lieu: salle B Membres: ... Ordre du jour": the agenda's label among the last words of a page line
AGENDA_TAIL_WORDS = 12
MIN_PAGE_LINE_WORDS = 40  # a block this long is a page the site ran onto one line, cut before the agenda's items


def _agenda_label_at_end(b: Block) -> bool:
    """A page line that ran the header fields together ends on the agenda's label ("... Ordre du jour", "...
    AGENDA", "... Agenda."), the items in the blocks after it (the site cut the line before each number)."""
    w = words(b.text)
    if b.kind != "paragraph" or b.table_id is not None or "\n" in b.text.strip() or len(w) < MIN_PAGE_LINE_WORDS:
        return False
    return AGENDA_INTRO.search(" ".join(w[-AGENDA_TAIL_WORDS:])) is not None


def _opens_with_topics(blocks: tuple[Block, ...], i: int) -> bool:
    """The document's title line with a list right under it, and nothing of the body before it (page lines and
    site furniture are short): the list that opens the minutes is their agenda, whatever the title calls it."""
    b = blocks[i]
    nxt = _next_content(blocks, i)
    if b.kind == "list_item" or b.table_id is not None or nxt is None or nxt.kind != "list_item" \
            or not is_topic_line(b.text) or b.text.rstrip().endswith(":") or FRONT_MATTER.match(clean_heading(b.text)):
        return False  # "Suggestions:" heads its own points; "Links", "Attendees" head no agenda
    before = [x for x in blocks[:i] if x.text.strip() and x.part not in MARGIN_PARTS]
    return not any(x.kind in ("list_item", "heading") or x.table_id is not None or len(words(x.text)) >= 8
                   for x in before)


def _person_like(text: str) -> bool:
    """'Ana Silva', 'Rui (notes)': a known first name opening a short capitalised line."""
    w = words(re.sub(r"\([^()]*\)", "", text))
    return 0 < len(w) <= 4 and is_first_name(w[0]) and all(x[:1].isupper() for x in w)


MIN_OPENING_TOPICS = 3  # an opening list of fewer topics is as likely a note as an agenda
MAX_TOPIC_WORDS = 8  # an agenda topic is a few words; a longer line is a point made
OPENING_TOPIC_SHARE = 2 / 3  # most of its items read as titles (a code, "Budget?" may not), none as a sentence


def _opening_topics(blocks: tuple[Block, ...], first: int, known: dict[str, str]) -> list[int]:
    """The top-level items of the list that starts at `first`, when they read as an agenda: enough of them, most
    of them title lines, none a person, a header field or a lead-in ("- Ana Silva", "- Date: ...")."""
    top = blocks[first].level or 1
    items, k = [], first
    while k < len(blocks) and blocks[k].kind == "list_item" and blocks[k].table_id is None:
        if (blocks[k].level or 1) <= top:  # sub-items stand under their topic
            items.append(k)
        k += 1
    titles = [_split_number(BULLET.sub("", blocks[k].text.strip()))[1] for k in items]
    bare = [clean_heading(t) for t in titles]
    if len(items) < MIN_OPENING_TOPICS or sum(is_topic_line(t, MAX_TOPIC_WORDS) for t in titles) < OPENING_TOPIC_SHARE * len(items):
        return []
    if any(not h or _names_someone(h, known) or is_field(t) or SENTENCE_END.search(t.rstrip("?"))
           for h, t in zip(bare, titles)):
        return []
    return items


def _names_someone(heading: str, known: dict[str, str]) -> bool:
    """'Ana Silva', 'Rui: sent the map' (a person's lead-in), a listed participant: no agenda topic."""
    lead = LEAD_IN.match(heading)
    who = clean_heading(lead.group("lead")) if lead else heading
    return who in known or who.split(" ")[0] in known or _person_like(who)


def _repeats_entry(blocks: tuple[Block, ...], listed: range, j: int) -> bool:
    """Whether item j repeats the title of an item listed before it. A converter that loses a Word list's
    numbering starts it again within the list ("1. 2. 3." then "1. 2. 3." for six entries); only a repeated title
    says the minutes' own items begin."""
    bare = lambda k: " ".join(words(clean_heading(_split_number(BULLET.sub("", blocks[k].text))[1]).lower()))
    title = bare(j)
    return any(t and title and (t.startswith(title) or title.startswith(t)) for t in map(bare, listed))


def _mark_agenda_lists(blocks: tuple[Block, ...], cands: list[Candidate], known: dict[str, str] | None = None
                       ) -> list[Candidate]:
    """Short items listed right after an "Agenda"/"puntos del día" line are agenda entries even when nothing
    follows each one: they title the numbered content items later on, or are the sections themselves. So are the
    top-level items of a list that opens the minutes right under their title, unless it lists people."""
    out = list(cands)
    known = known or {}
    for i, b in enumerate(blocks):
        announced = _introduces_agenda(blocks, i)
        opening = not announced and _opens_with_topics(blocks, i)
        if not (announced or opening):
            continue
        j, last = i + 1, None
        while j < len(blocks) and (blocks[j].kind == "list_item" or NUMBER.match(blocks[j].text)) \
                and is_topic_line(_split_number(blocks[j].text)[1].rstrip().rstrip(",;."), 16):
            number = _split_number(blocks[j].text)[0]
            value = _value(number) if number else None
            if value is not None and last is not None and value <= last and _repeats_entry(blocks, range(i + 1, j), j):
                break  # the numbering starts again on a listed title: the minutes' own items, after the agenda's
            last = value if value is not None else last
            j += 1
        items = range(i + 1, j)
        if opening:
            items = _opening_topics(blocks, i + 1, known)
            if not items:
                continue
        elif j - i < 3:
            continue
        have = {c.block: n for n, c in enumerate(out)}
        base = next((c.rank for c in reversed(out) if c.block <= i), None)
        for k in items:
            if k in have and opening:  # "HDM: funding plan" in an opening agenda is a topic, not someone's update
                heading = clean_heading(_split_number(BULLET.sub("", blocks[k].text))[1]).rstrip(",;. ")
                out[have[k]] = replace(out[have[k]], agenda_entry="agenda", heading=heading,
                                       kind=_kind_of(heading, "agenda_item"), speaker=None, speaker_org=None)
                continue
            if k in have:  # "3. Stock report ;": the stop that separated the agenda's entries is no part of a title
                out[have[k]] = replace(out[have[k]], agenda_entry="agenda", heading=out[have[k]].heading.rstrip(",; "))
                continue
            number, title = _split_number(BULLET.sub("", blocks[k].text))
            heading = aob_only(clean_heading(title)).rstrip(",;. ")
            if heading:
                rank = RANK_NUMBERED if base is None or base >= RANK_NUMBERED else base + 1
                out.append(Candidate(k, rank, heading, _kind_of(heading, "agenda_item"), number, agenda_entry="agenda"))
    return sorted(out, key=lambda c: (c.block, c.start_char or -1))
