"""Agenda lists a converter flattened: items run together on one line, each set apart by its own marker.

A web page saved as text keeps a list's markers but not its line breaks: "Welcome ▪ Updates from the sector ▪ AOB"
(bullet glyphs), "Agenda: 1. Welcome 2. Field updates 3. AOB" (item numbers in sequence), or a two-column layout
read across, where each line is "<label of the left column> ⮚ <item of the right one>". The markers, not the words,
say where each item starts; the items are agenda entries (resolve_agenda decides whether they are sections).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import MARGIN_PARTS, Block
from pipeline.segment.headings import (AGENDA_INTRO, FRONT_MATTER, RANK_NUMBERED, Candidate, _kind_of, _WORDS,
                                       aob_only, clean_heading, is_field, is_topic_line, words)

INLINE_BULLET = _WORDS.inline_bullet  # models/segment/headings.json, marks.inline_glyphs
# An item number inside a line: digits, or capital Roman numerals ("I. Welcome II. Updates").
_NUMBER = r"\d{1,2}|[IVX]{1,4}"
ITEM_NUMBER = re.compile(rf"(?:^|(?<=\s))(?P<value>{_NUMBER})[.)]\s+(?=\S)")
ROMAN_VALUES = {r: k for k, r in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"], start=1)}
# A line of header fields ending in the agenda's label, its items next: "Venue: Hall B Attendees: ... Agenda."
# The label's words are headings.json's agenda_intro, without the word boundary AGENDA_INTRO opens with.
_AGENDA_WORDS = AGENDA_INTRO.pattern.removeprefix(r"\b")
AGENDA_LABEL_AT_END = re.compile(rf"(?:^|[\s.;,])(?:{_AGENDA_WORDS})\s*[.:：]?$", re.I)
TRAILING_NUMBER = re.compile(rf"\s+(?:{_NUMBER})[.)]$")  # the next item's number, its item cut onto the next line
MIN_ITEMS = 3  # two pieces are as likely a label and its value as a list
MAX_ITEM_WORDS = 16
MAX_LEAD_WORDS = 6  # "Agenda:", "Points discussed:": what may stand before a numbered agenda on its line
MULTI_WORD_SHARE = 2 / 3  # most agenda items have two words or more; a menu bar ("Home • News • Login") has not


@dataclass(frozen=True)
class _Item:
    start: int  # offset in the document's text
    text: str


def inline_entries(text: str, blocks: tuple[Block, ...], cands: list[Candidate]) -> list[Candidate]:
    """The candidates with each flattened agenda list read into one entry per item (the block's own candidate,
    which took the whole line for a heading, gives way to them)."""
    found: dict[int, list[_Item]] = {}
    for run in _glyph_runs(blocks):
        found.update(run)
    for i, b in enumerate(blocks):
        if i not in found and b.table_id is None and b.part not in MARGIN_PARTS:
            items = _numbered_items(b)
            if items:
                found[i] = items
    if not found:
        return cands
    out = [c for c in cands if not (c.block in found and c.start_char is None and c.kind != "title")]
    for i, items in found.items():
        base = next((c.rank for c in reversed(out) if c.block < i), None)
        rank = RANK_NUMBERED if base is None or base >= RANK_NUMBERED else base + 1
        for item in items:
            heading = clean_heading(item.text).rstrip(",;. ")
            out.append(Candidate(i, rank, heading, _kind_of(heading, "agenda_item"), agenda_entry="agenda",
                                 start_char=item.start))
    return sorted(out, key=lambda c: (c.block, c.start_char if c.start_char is not None else blocks[c.block].start_char))


def _is_item(piece: str) -> bool:
    piece = piece.strip().rstrip(",;.")
    return bool(piece) and is_topic_line(piece, MAX_ITEM_WORDS) and not is_field(piece)


def _glyph_pieces(b: Block) -> tuple[str, list[_Item]]:
    """The text before the first inline glyph of a one-line block, and the items after each glyph."""
    line = b.text
    marks = list(INLINE_BULLET.finditer(line))
    if not marks or "\n" in line.strip():
        return line, []
    lead = line[:marks[0].start()].strip()
    items = []
    for m, nxt in zip(marks, [*marks[1:], None]):
        piece = line[m.end():nxt.start() if nxt else len(line)]
        items.append(_Item(b.start_char + m.end(), piece.rstrip()))
    return lead, items


def _glyph_runs(blocks: tuple[Block, ...]) -> list[dict[int, list[_Item]]]:
    """Runs of consecutive lines whose glyph-marked pieces all read as titles: a line of three items or more,
    or lines of one item each under (or beside) an agenda label. The text before a line's first glyph is an item
    too on a line of several ("Welcome ▪ Updates ▪ AOB", its first glyph lost), else another column's label."""
    runs, current, announced, most = [], {}, False, 0

    def close():
        nonlocal current, announced, most
        items = [x for v in current.values() for x in v]
        multi = sum(len(words(x.text)) >= 2 for x in items)
        if len(items) >= MIN_ITEMS and (announced or most >= MIN_ITEMS) and multi >= MULTI_WORD_SHARE * len(items):
            runs.append(current)
        current, announced, most = {}, False, 0

    prev_text = ""
    for i, b in enumerate(blocks):
        if not b.text.strip():
            continue
        if b.table_id is not None or b.part in MARGIN_PARTS or b.kind == "heading":
            close()
            prev_text = b.text
            continue
        lead, items = _glyph_pieces(b)
        if b.kind == "list_item" and not lead and len(items) == 1 and not current:
            # a bullet the reader of the file knew opens a list, read as a list (headings._mark_agenda_lists);
            # one that goes on a run of "<label> ⮚ <item>" lines is the run's next item
            items = []
        if items and len(items) >= 2 and lead and _is_item(lead) and not lead.endswith(":"):
            items = [_Item(b.start_char + b.text.index(lead), lead), *items]
            lead = ""
        if not items or not all(_is_item(x.text) for x in items):
            close()
            prev_text = b.text
            continue
        if not current:
            announced = bool(AGENDA_INTRO.search(prev_text[:120])) and len(words(prev_text)) <= 14
        label = clean_heading(lead) if lead else ""
        announced = announced or bool(label and (AGENDA_INTRO.search(label) or FRONT_MATTER.match(label)))
        current[i] = items
        most = max(most, len(items))
        prev_text = b.text
    close()
    return runs


def _number_value(mark: re.Match) -> int:
    """1 for "1." and for "I.": an agenda numbers its items in digits or in capital Roman numerals."""
    value = mark.group("value")
    return int(value) if value.isdigit() else ROMAN_VALUES.get(value, 0)


def _lead_announces(lead: str) -> bool:
    """What stands before a numbered agenda on its line: nothing, a short label ("Agenda:", "Points discussed:"),
    or, at the end of a line of header fields the page ran together, the agenda's own label ("... Agenda.")."""
    if not lead or len(words(lead)) <= MAX_LEAD_WORDS and (lead.endswith(":") or AGENDA_INTRO.search(lead)):
        return True
    return AGENDA_LABEL_AT_END.search(lead) is not None


def _numbered_items(b: Block) -> list[_Item]:
    """"1. Welcome 2. Field updates 3. AOB" on one line: three item numbers or more in sequence, each before a
    title, the first at the line's start or after a label that announces them. The last item runs to the line's
    end: when the page ran the next part of the minutes onto it, that item cannot be told from the text after it,
    and the items before it stand alone."""
    line = b.text
    if "\n" in line.strip():
        return []
    marks = list(ITEM_NUMBER.finditer(line))
    best: list[re.Match] = []
    for k, m in enumerate(marks):
        run = [m]
        for nxt in marks[k + 1:]:
            if _number_value(nxt) == _number_value(run[-1]) + 1:
                run.append(nxt)
        if len(run) > len(best):
            best = run
    if len(best) < MIN_ITEMS or not _lead_announces(line[:best[0].start()].strip()):
        return []
    items = []
    for m, nxt in zip(best, [*best[1:], None]):
        piece = line[m.end():nxt.start() if nxt else len(line)].rstrip()
        if nxt is None:  # "4. Budget 5." at a cut line's end: the next number, its item on the next line
            piece = TRAILING_NUMBER.sub("", piece)
            piece = aob_only(piece)  # "6. AOB RECORD OF THE MEETING ...": the next text ran onto the last item
        if not _is_item(piece):
            if nxt is None and len(items) >= MIN_ITEMS:
                break
            return []
        items.append(_Item(b.start_char + m.end(), piece))
    return items
