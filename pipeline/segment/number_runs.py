"""Agenda item numbers a converter set apart from their titles: "1.", "2.", "3." on their own lines (or run on one
line), the titles on the lines after them.

A two-column agenda (numbers in one column, titles in the next) read column by column gives this shape. The numbers
are counted and paired, in order, with the titles that follow: one title a line (a line opening in lower case goes
on the title before it), or one line that holds exactly as many sentence-ended titles ("Field visits. AOB.").
The pairing is taken only when something says the numbers are an agenda's: an agenda label just before them, the
previous line's numbered items running on into them ("... 4. Budget" then "5. 6."), or the next item number
("4. ...") standing right after the titles.
"""
from __future__ import annotations

import bisect
import re

from pipeline.model import MARGIN_PARTS, Block
from pipeline.segment.headings import (AGENDA_INTRO, RANK_NUMBERED, Candidate, _kind_of, _person_like, clean_heading,
                                       words)
from pipeline.segment.inline_lists import ITEM_NUMBER, MAX_LEAD_WORDS, _is_item, _number_value

# A line of item numbers and nothing else, an agenda label before them allowed: "1. 2. 3.", "Agenda: 4.", "5)".
_NUMBERS_LINE = re.compile(r"^(?P<lead>[^\d\n]*?)\s*(?P<numbers>(?:(?:\d{1,2}|[IVX]{1,4})[.)][ \t]*)+)$")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=\S)")
MIN_NUMBERS = 2


def apart_numbered_entries(text: str, blocks: tuple[Block, ...], cands: list[Candidate]) -> list[Candidate]:
    """The candidates with each run of bare item numbers paired with the titles after it, one agenda entry each
    (a title block's own candidate, which took the whole line, gives way to its entry)."""
    lines = _lines(text, blocks)
    entries: list[Candidate] = []
    k = 0
    while k < len(lines):
        run_end, values = _number_run(lines, k)
        if not values:
            k += 1
            continue
        paired = _titles_after(lines, run_end, values)
        if paired and (_announced(lines, k, values) or _anchored(lines, paired[1], values)):
            titles = paired[0]
            if not any(_person_like(t) for _, t in titles):
                starts = [b.start_char for b in blocks]
                for value, (start, title) in zip(values, titles):
                    heading = clean_heading(title).rstrip(",;. ")
                    i = bisect.bisect_right(starts, start) - 1
                    entries.append(Candidate(i, RANK_NUMBERED, heading, _kind_of(heading, "agenda_item"),
                                             number=f"{value}.", agenda_entry="agenda", start_char=start))
                k = paired[1]
                continue
        k = run_end
    if not entries:
        return cands
    taken = {c.block for c in entries}
    out = [c for c in cands if not (c.block in taken and c.start_char is None and c.kind != "title")] + entries
    return sorted(out, key=lambda c: (c.block, c.start_char if c.start_char is not None else blocks[c.block].start_char))


def _lines(text: str, blocks: tuple[Block, ...]) -> list[tuple[int, str]]:
    """(start offset, line) of every non-empty line of the body's plain blocks, in order."""
    out = []
    for b in blocks:
        if b.table_id is not None or b.part in MARGIN_PARTS:
            continue
        pos = b.start_char
        for line in text[b.start_char:b.end_char].split("\n"):
            if line.strip():
                out.append((pos + len(line) - len(line.lstrip()), line.strip()))
            pos += len(line) + 1
    return out


def _number_run(lines: list[tuple[int, str]], k: int) -> tuple[int, list[int]]:
    """Where the run of number-only lines starting at line k ends, and its numbers, when they count on by one."""
    values: list[int] = []
    j = k
    while j < len(lines):
        m = _NUMBERS_LINE.match(lines[j][1])
        if not m or (m.group("lead") and j > k) or len(words(m.group("lead"))) > MAX_LEAD_WORDS:
            break
        if m.group("lead") and not AGENDA_INTRO.search(m.group("lead")):
            break
        found = [_number_value(x) for x in ITEM_NUMBER.finditer(m.group("numbers") + " x")]
        if not found or any(v != (values[-1] if values else found[0] - 1) + 1 for v in found[:1]) \
                or any(b != a + 1 for a, b in zip(found, found[1:])):
            break
        values += found
        j += 1
    if len(values) < MIN_NUMBERS:
        return k + 1, []
    return j, values


def _titles_after(lines: list[tuple[int, str]], j: int, values: list[int]
                  ) -> tuple[list[tuple[int, str]], int] | None:
    """The titles of `values` on the lines from j: one a line, or all on line j split at sentence ends; and the
    index of the line after them."""
    if j >= len(lines):
        return None
    start, first = lines[j]
    pieces = _SENTENCE_END.split(first)
    if len(values) > 1 and len(pieces) == len(values) and all(_is_item(p) for p in pieces):
        out, pos = [], 0
        for p in pieces:
            pos = first.index(p, pos)
            out.append((start + pos, p))
            pos += len(p)
        return out, j + 1
    titles: list[tuple[int, str]] = []
    firsts: list[str] = []  # each title's first line: a title wrapped onto a second line is judged by its first
    while j < len(lines):
        start, line = lines[j]
        if titles and line[:1].islower():
            titles[-1] = (titles[-1][0], f"{titles[-1][1]} {line}")
        elif len(titles) == len(values) or ITEM_NUMBER.match(line):
            break
        else:
            titles.append((start, line))
            firsts.append(line)
        j += 1
    if len(titles) != len(values) or not all(_is_item(t) for t in firsts):
        return None
    return titles, j


def _announced(lines: list[tuple[int, str]], k: int, values: list[int]) -> bool:
    """An agenda label on the run's line or the line before, or the line before ends on item number values[0]-1."""
    m = _NUMBERS_LINE.match(lines[k][1])
    if m and m.group("lead") and AGENDA_INTRO.search(m.group("lead")):
        return True
    if k == 0:
        return False
    before = lines[k - 1][1]
    if len(words(before)) <= MAX_LEAD_WORDS and AGENDA_INTRO.search(before):
        return True
    marks = [_number_value(x) for x in ITEM_NUMBER.finditer(before)]
    return values[0] > 1 and bool(marks) and marks[-1] == values[0] - 1


def _anchored(lines: list[tuple[int, str]], j: int, values: list[int]) -> bool:
    """The line after the titles opens with the next item's number."""
    if j >= len(lines):
        return False
    m = ITEM_NUMBER.match(lines[j][1])
    return m is not None and _number_value(m) == values[-1] + 1
